package convbench.face.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import convbench.cli.api.CliArgs;
import convbench.cli.api.CliException;
import convbench.cli.api.CliProgress;
import convbench.core.units.SameDiffProbe;
import convbench.face.AlignedFaces;
import convbench.face.FaceAnalyzer;
import convbench.face.FaceModels;
import convbench.face.FaceRecognitionNet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Explore Units on the dlib face recognition net (a SameDiff graph) through {@code face units}, on the fixtures' faces
 * (knn_examples: every face of the train and test photos, group photos included); and the receptive field the probe
 * traces through the ResNet's op chain (strided convolutions, pools, pads, residual adds) checked on the net itself.
 */
class FaceUnitsCommandTest {
    private static final Path KNN = Path.of(System.getProperty("convbench.shared.data", "../../../shared/data"),
            "faces/face_recognition/examples/knn_examples");

    @SuppressWarnings("unchecked")
    private static Map<String, Object> run(String... words) throws Exception {
        List<String> w = new ArrayList<>(List.of(words));
        w.add("--json");
        return (Map<String, Object>) new FaceUnitsCommand().run(CliArgs.parse(w, Set.of("json", "list-layers")), CliProgress.NONE).json();
    }

    @Test
    void topNineFacesOfAUnitWithTheirReceptiveFields() throws Exception {
        Map<String, Object> listed = run("--images", KNN.toString(), "--list-layers");
        List<?> layers = (List<?>) listed.get("layers");
        assertEquals(29 + 1 + 4, layers.size(), "29 convolutions, the stem's max pool and the average-pool shortcuts of the"
                + " 4 down-sampling blocks: " + layers);
        assertEquals(Map.of("name", "conv32_down", "op", "conv2d", "units", 32), layers.get(0));
        Map<String, Object> r = run("--images", KNN.toString(), "--layer", "conv64_1/conv1", "--unit", "5");
        System.out.println("face units conv64_1/conv1 unit 5: " + r);
        List<?> top = (List<?>) r.get("top");
        assertEquals(9, top.size());
        assertTrue((int) r.get("scanned") >= 14, "every face of the 14 photos but johnsnow_test1's: " + r.get("scanned"));
        double last = Double.POSITIVE_INFINITY;
        for (Object o : top) {
            Map<?, ?> p = (Map<?, ?>) o;
            double a = (double) p.get("activation");
            assertTrue(a <= last, "best first");
            last = a;
            int[] start = (int[]) p.get("start"), end = (int[]) p.get("end");
            assertEquals(end[0] - start[0], end[1] - start[1], "square field");
            assertTrue(end[0] - start[0] > 7 && end[0] - start[0] < 150, "a patch, not the whole chip: " + (end[0] - start[0]));
            assertTrue(((String) p.get("source")).matches("(train|test)/.*\\.(jpg|jpeg)(, face \\d of \\d)?"), (String) p.get("source"));
        }
    }

    /** Pixels outside the field a unit was traced to leave that unit's value alone; inside they move it. */
    @Test
    void receptiveFieldHoldsOnTheResNet(@TempDir Path dir) throws Exception {
        FaceAnalyzer analyzer = FaceAnalyzer.open(FaceModels.locate());
        SameDiffProbe probe = analyzer.recognitionNet().unitProbe();
        AlignedFaces.Loaded faces = AlignedFaces.load(analyzer, KNN.resolve("train/obama/obama.jpg"), (d, t, m) -> { }, () -> false);
        INDArray x = faces.examples().get(0).features().reshape(1, 3, FaceRecognitionNet.SIZE, FaceRecognitionNet.SIZE);
        for (String layer : List.of("conv32_1/conv2", "conv64_down/conv1", "conv64_2/conv2")) {
            INDArray before = probe.activation(layer, x);
            int[] pos = {(int) before.size(2) / 2, (int) before.size(3) / 3};
            int[][] field = probe.receptiveField(layer, pos);
            INDArray outside = x.dup(), inside = x.dup();
            for (int c = 0; c < 3; c++)
                for (int y = 0; y < FaceRecognitionNet.SIZE; y++)
                    for (int xx = 0; xx < FaceRecognitionNet.SIZE; xx++) {
                        boolean in = y >= field[0][0] && y < field[1][0] && xx >= field[0][1] && xx < field[1][1];
                        (in ? inside : outside).putScalar(new long[] {0, c, y, xx}, 0.5 - ((y * 7 + xx * 3 + c) % 11) / 10.0);
                    }
            double a = before.getDouble(0, 3, pos[0], pos[1]);
            assertEquals(a, probe.activation(layer, outside).getDouble(0, 3, pos[0], pos[1]), 1e-4, layer + " outside " + java.util.Arrays.deepToString(field));
            assertTrue(Math.abs(a - probe.activation(layer, inside).getDouble(0, 3, pos[0], pos[1])) > 1e-4, layer + " inside");
        }
    }

    @Test
    void noFaceOrUnknownLayerIsSaidPlainly(@TempDir Path dir) throws Exception {
        CliException none = assertThrows(CliException.class, () -> run("--images", dir.toString()));
        assertTrue(none.getMessage().contains("no .jpg, .jpeg or .png image"), none.getMessage());
        CliException layer = assertThrows(CliException.class, () -> run("--images", KNN.resolve("train/biden").toString(),
                "--layer", "fc"));
        assertTrue(layer.getMessage().contains("no convolution or pooling output 'fc'"), layer.getMessage());
    }
}
