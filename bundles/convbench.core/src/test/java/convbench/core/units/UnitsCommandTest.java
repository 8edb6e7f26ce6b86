package convbench.core.units;

import static convbench.core.spec.LayerSpec.*;
import static org.junit.jupiter.api.Assertions.*;

import convbench.cli.api.CliArgs;
import convbench.cli.api.CliException;
import convbench.cli.api.CliProgress;
import convbench.cli.api.CliResult;
import convbench.core.data.NpyFile;
import convbench.core.model.ModelFile;
import convbench.core.model.ModelMetadata;
import convbench.core.spec.ModelSpec;
import convbench.core.spec.NetworkBuilder;
import convbench.core.units.internal.UnitsCommand;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;

class UnitsCommandTest {
    @Test
    void findsTheSpikesInANpyFileThroughAModelFile(@TempDir Path dir) throws Exception {
        ModelSpec spec = ModelSpec.of("spike", new int[] {1, 16}, conv(1, 3), flatten(), output(2));
        MultiLayerNetwork net = (MultiLayerNetwork) NetworkBuilder.build(spec);
        net.getLayer(0).getParam("W").assign(Nd4j.createFromArray(-1f, 2f, -1f).reshape(net.getLayer(0).getParam("W").shape()));
        net.getLayer(0).getParam("b").assign(0);
        Path model = dir.resolve("spike.zip");
        ModelFile.save(model, net, ModelMetadata.forSpec(spec));
        float[] v = new float[4 * 16];
        int[] at = {3, 9, 12, 6};
        float[] h = {1, 4, 2, 3};
        for (int i = 0; i < 4; i++)
            v[i * 16 + at[i]] = h[i];
        Path data = dir.resolve("beats.npy");
        NpyFile.write(data, v, 4, 1, 16);

        UnitsCommand cmd = new UnitsCommand();
        assertEquals("units", cmd.area());
        assertEquals("", cmd.action());
        CliResult r = cmd.run(CliArgs.parse(List.of("--model", model.toString(), "--data", data.toString(), "--layer", "conv1",
                "--unit", "0", "--k", "2", "--json"), Set.of("json", "patches")), CliProgress.NONE);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> top = (List<Map<String, Object>>) ((Map<String, Object>) r.json()).get("top");
        assertEquals(2, top.size());
        assertEquals(1, top.get(0).get("index"));
        assertEquals("beats.npy[1]", top.get(0).get("source"));
        assertArrayEquals(new int[] {8}, (int[]) top.get(0).get("start"), "spike at 9: peak at conv output 8, RF [8, 11)");
        assertArrayEquals(new int[] {11}, (int[]) top.get(0).get("end"));
        assertEquals(3, top.get(1).get("index"));
        assertTrue(r.text().contains("beats.npy[1]"));

        Path wrong = dir.resolve("wrong.npy");
        NpyFile.write(wrong, new float[2 * 20], 2, 1, 20);
        CliException e = assertThrows(CliException.class, () -> cmd.run(CliArgs.parse(List.of("--model", model.toString(),
                "--data", wrong.toString(), "--layer", "conv1", "--unit", "0"), Set.of()), CliProgress.NONE));
        assertTrue(e.getMessage().contains("spike.zip") && e.getMessage().contains("[1, 16]") && e.getMessage().contains("[1, 20]"),
                e.getMessage());
    }
}
