package convbench.bench;

import static convbench.core.spec.LayerSpec.batchNorm;
import static convbench.core.spec.LayerSpec.conv;
import static convbench.core.spec.LayerSpec.dense;
import static convbench.core.spec.LayerSpec.flatten;
import static convbench.core.spec.LayerSpec.maxPool;
import static convbench.core.spec.LayerSpec.output;

import convbench.core.spec.LayerSpec;
import convbench.core.spec.ModelSpec;
import convbench.ekg.BeatWindows;
import convbench.ekg.classify.BeatClassifier;
import convbench.ekg.classify.BeatDataset;
import java.util.List;

/** The three nets of issue 3's benchmark, as ConvBench model specs. */
public final class ReferenceNets {
    private static final long SEED = 42;

    private ReferenceNets() {
    }

    public static List<BenchNet> all() {
        return List.of(ekg(), image2d(), patch3d());
    }

    /** The EKG plugin's beat classifier itself: beat window plus RR channels, its training batch size. */
    public static BenchNet ekg() {
        int[] input = {BeatDataset.CHANNELS, BeatWindows.standard().length()};
        return new BenchNet("ekg-conv1d", BeatClassifier.spec(input, SEED),
                BeatClassifier.Settings.defaults().batchSize());
    }

    /** A small VGG-style image classifier: RGB 64x64, three conv/batch-norm/pool blocks, 10 classes. */
    public static BenchNet image2d() {
        return new BenchNet("image2d-64", ModelSpec.of("image2d-64", new int[] {3, 64, 64},
                block(16, 3), batchNorm(), maxPool(2),
                block(32, 3), batchNorm(), maxPool(2),
                block(64, 3), batchNorm(), maxPool(2),
                flatten(), dense(64).activation("relu"), output(10)).seed(SEED), 32);
    }

    /**
     * A volume patch classifier on 32^3 CT patches: three Conv3D/pool blocks, 2 classes. No batch norm: DL4J
     * 1.0.0-M2.1's BatchNormalization rejects rank-5 (NCDHW) input, so a 3D spec with "batchnorm" builds but fails
     * on its first batch.
     */
    public static BenchNet patch3d() {
        return new BenchNet("patch3d-32", ModelSpec.of("patch3d-32", new int[] {1, 32, 32, 32},
                block(8, 3), maxPool(2),
                block(16, 3), maxPool(2),
                block(32, 3), maxPool(2),
                flatten(), dense(64).activation("relu"), output(2)).seed(SEED), 16);
    }

    private static LayerSpec block(int filters, int kernel) {
        return conv(filters, kernel).padding("same").activation("relu");
    }
}
