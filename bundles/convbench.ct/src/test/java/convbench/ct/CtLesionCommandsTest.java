package convbench.ct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import convbench.cli.api.CliArgs;
import convbench.cli.api.CliCommand;
import convbench.cli.api.CliException;
import convbench.cli.api.CliProgress;
import convbench.cli.api.CliResult;
import convbench.core.model.ModelFile;
import convbench.ct.api.Nifti;
import convbench.ct.api.Volume;
import convbench.ct.internal.CtAnalyzeCommand;
import convbench.ct.internal.CtTrainCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ct train and ct analyze as the CLI calls them, at a size that runs in a minute or two: the train -> model file ->
 * analyze round trip on real volumes (train on the head CT, test on the phantom series), the JSON shapes, and bad
 * input. The quoted figures come from the CLI at full size, not from here.
 */
class CtLesionCommandsTest {
    private static final Gson GSON = new GsonBuilder().serializeSpecialFloatingPointValues().create();
    @TempDir
    Path tmp;

    private static JsonObject run(CliCommand c, String... words) throws Exception {
        CliResult r = c.run(CliArgs.parse(List.of(words), Set.of("json")), CliProgress.NONE);
        assertFalse(r.text().isBlank());
        System.out.println(r.text());
        return GSON.toJsonTree(r.json()).getAsJsonObject();
    }

    @Test
    void trainWritesAModelThatAnalyzeScoresOnOtherVolumes() throws Exception {
        Path head = TestData.shared("ct/invesalius/Cranium.inv3");
        Path model = tmp.resolve("lesions.zip");
        JsonObject t = run(new CtTrainCommand(TestData.TOOLKIT, null), "--volumes", head.toString(), "--out", model.toString(),
                "--patches", "8", "--epochs", "1", "--batch", "4", "--filters", "2", "--patch", "16", "--draws", "1",
                "--calibration-draws", "1", "--json");
        assertTrue(Files.isRegularFile(model));
        assertEquals(1, t.get("epochs").getAsInt());
        assertEquals(1, t.getAsJsonArray("cases").size());
        JsonObject c = t.getAsJsonArray("cases").get(0).getAsJsonObject();
        assertEquals(4, c.get("lesions").getAsInt(), "four lesions fit in a head");
        assertTrue(c.get("lesionVoxels").getAsLong() > 50);
        assertTrue(ModelFile.readMetadata(model).spec().toJson().contains("ct-lesion-unet3d"));
        // one epoch: no mining; the operating point from one new lesion draw of the head
        assertEquals(0, t.get("minedEpochs").getAsInt());
        assertEquals(1, t.getAsJsonObject("calibration").get("cases").getAsInt());
        JsonObject thresholds = t.getAsJsonObject("thresholds");

        Path cases = tmp.resolve("cases");
        JsonObject a = run(new CtAnalyzeCommand(TestData.TOOLKIT, null), "--model", model.toString(), "--volumes",
                TestData.plainSeries().toString(), "--draws", "1", "--window", "32", "--overlap", "8", "--write-cases", cases.toString(), "--json");
        assertEquals(1, a.get("volumes").getAsInt());
        assertTrue(a.get("lesions").getAsInt() >= 1);
        for (String k : List.of("dice", "iou", "sensitivityAt1Fp", "sensitivityAt4Fp")) {
            double v = a.get(k).getAsDouble();
            assertTrue(v >= 0 && v <= 1, k + " = " + v);
        }
        assertEquals(TestData.plainSeries().toString(), a.getAsJsonArray("testVolumes").get(0).getAsString());
        assertEquals(thresholds, a.getAsJsonObject("thresholds"), "analyze uses the operating point the model file records");
        assertEquals(head.toString(), a.getAsJsonArray("trainVolumes").get(0).getAsString());
        assertEquals(1, a.getAsJsonArray("cases").size());
        // the written case: image and labels on the 2 mm task grid, lesion voxels as counted
        Volume labels = Nifti.read(cases.resolve("case01_lesions.nii.gz"));
        Volume image = Nifti.read(cases.resolve("case01_image.nii.gz"));
        Volume prob = Nifti.read(cases.resolve("case01_probability.nii.gz"));
        assertEquals(2.0, labels.spacing()[0], 1e-6);
        assertEquals(java.util.Arrays.toString(image.dims()), java.util.Arrays.toString(prob.dims()));
        double[] r = prob.range();
        assertTrue(r[0] >= 0 && r[1] <= 1, "probabilities out of 0..1: " + java.util.Arrays.toString(r));

        // one volume: the lesion map and candidates (CT > Run Analysis's twin)
        Path out = tmp.resolve("p.nii.gz");
        JsonObject s = run(new CtAnalyzeCommand(TestData.TOOLKIT, null), "--model", model.toString(),
                cases.resolve("case01_image.nii.gz").toString(), "--window", "32", "--overlap", "8", "--out", out.toString(), "--json");
        assertTrue(Files.isRegularFile(out));
        assertEquals(image.nx(), s.getAsJsonArray("grid").get(0).getAsInt());
        assertTrue(s.has("candidates"));
    }

    @Test
    void badInputIsAClearErrorNamingTheFile() throws Exception {
        Path notAModel = tmp.resolve("volume.zip");
        Files.write(notAModel, new byte[] { 'P', 'K', 3, 4, 0, 0 });
        CliException e = assertThrows(CliException.class, () -> run(new CtAnalyzeCommand(TestData.TOOLKIT, null), "--model",
                notAModel.toString(), "--volumes", TestData.plainSeries().toString()));
        assertTrue(e.getMessage().contains(notAModel.toString()), e.getMessage());
        Path missing = tmp.resolve("nowhere.nii.gz");
        e = assertThrows(CliException.class, () -> run(new CtTrainCommand(TestData.TOOLKIT, null), "--volumes", missing.toString()));
        assertTrue(e.getMessage().contains(missing.toString()) && e.getMessage().contains("no such file"), e.getMessage());
        Path text = tmp.resolve("notes.txt");
        Files.writeString(text, "not a volume");
        e = assertThrows(CliException.class, () -> run(new CtTrainCommand(TestData.TOOLKIT, null), "--volumes", text.toString(),
                "--patches", "4", "--epochs", "1"));
        assertTrue(e.getMessage().contains(text.toString()), e.getMessage());
        e = assertThrows(CliException.class, () -> run(new CtTrainCommand(TestData.TOOLKIT, null), "--volumes",
                TestData.plainSeries().toString(), "--patch", "30"));
        assertTrue(e.getMessage().contains("multiple of 4"), e.getMessage());
        e = assertThrows(CliException.class, () -> run(new CtTrainCommand(TestData.TOOLKIT, null), "--volumes",
                TestData.plainSeries().toString(), "--radius", "9:4"));
        assertTrue(e.getMessage().contains("--radius"), e.getMessage());
    }
}
