package convbench.ct.seg;

import static convbench.core.spec.LayerSpec.conv;
import static convbench.core.spec.LayerSpec.maxPool;
import static convbench.core.spec.LayerSpec.output;
import static convbench.core.spec.LayerSpec.residual;
import static convbench.core.spec.LayerSpec.upsample;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import convbench.core.model.LoadedModel;
import convbench.core.model.ModelFile;
import convbench.core.model.ModelMetadata;
import convbench.core.model.Networks;
import convbench.core.spec.ModelSpec;
import convbench.core.train.EpochMetrics;
import convbench.core.train.Trainer;
import convbench.core.train.TrainingCallbacks;
import convbench.core.train.TrainingConfig;
import convbench.core.train.TrainingJob;
import convbench.core.train.TrainingResult;
import convbench.ct.api.Volume;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The 3D U-Net lesion segmenter: spec (from the core library's model spec), training job, model file and whole-volume
 * inference. Headless and OSGi-free; ND4J calls must run inside {@code Nd4jContext.call} (compute jobs do).
 */
public final class LesionSegmenter {
    /** Model-file entry with what inference needs besides the network (grid spacing, HU window, training data). */
    public static final String INFO_ENTRY = "ct-lesions.json";
    public static final List<String> CLASS_NAMES = List.of("background", "lesion");
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

    /**
     * Training settings.
     *
     * @param hard share of hard-negative patches (tissue rims, and mined false positives)
     * @param minedEpochs of the {@code epochs}, how many run after the false positives of the network so far have been
     *        mined from the training cases and added to the hard negatives (0: no mining)
     */
    public record Settings(double spacingMm, int patch, int patches, double foreground, double hard, int epochs, int minedEpochs,
            int batch, double learningRate, double lesionWeight, int baseFilters, long seed) {
        public static Settings defaults() {
            return new Settings(2.0, 32, 160, 0.5, 0.3, 3, 1, 2, 3e-3, 10, 4, 42);
        }

        public Settings {
            if (patch % 4 != 0 || patch < 8)
                throw new IllegalArgumentException("patch size must be a multiple of 4 (two poolings) and at least 8, got " + patch);
            if (!(spacingMm > 0))
                throw new IllegalArgumentException("grid spacing must be positive, got " + spacingMm);
            if (minedEpochs < 0 || minedEpochs >= epochs && minedEpochs > 0)
                throw new IllegalArgumentException("epochs after mining must be fewer than all epochs (" + epochs + "), got " + minedEpochs);
        }
    }

    /**
     * Operating point: voxels with probability >= {@code segment} are lesion (Dice); candidates are the connected
     * components of p >= {@code detect} with at least {@code minVoxels} voxels.
     */
    public record Thresholds(double segment, double detect, int minVoxels) {
        public static final Thresholds DEFAULT = new Thresholds(0.5, 0.5, 1);
    }

    /**
     * What a model file records besides the network.
     *
     * @param maskHalfWidth {@link TissueMask} cube half width (0 in models from before the mask: no mask)
     * @param thresholds chosen on new lesion draws of the training volumes (null in older models: the defaults)
     * @param calibration what the choice was based on (figures on the training volumes' new draws)
     */
    public record Info(double spacingMm, int patch, double huCentre, double huScale, double huMin, double huMax,
            List<String> trainVolumes, LesionInserter.Settings lesions, int drawsPerVolume, int patches, double foreground,
            long seed, double hard, int epochs, int minedEpochs, int maskHalfWidth, Thresholds thresholds,
            Map<String, Object> calibration) {
        public Thresholds operatingPoint() {
            return thresholds == null ? Thresholds.DEFAULT : thresholds;
        }

        /** The same info with the operating point chosen by calibration. */
        public Info calibrated(Thresholds t, Map<String, Object> figures) {
            return new Info(spacingMm, patch, huCentre, huScale, huMin, huMax, trainVolumes, lesions, drawsPerVolume, patches,
                    foreground, seed, hard, epochs, minedEpochs, maskHalfWidth, t, figures);
        }

        /** HU to network input with the window this model was trained with. */
        public SlidingWindow.Normaliser normaliser() {
            return hu -> PatchSampler.normalise(hu, huMin, huMax, huCentre, huScale);
        }
    }

    /** A segmenter read from a model file (or just trained). */
    public record Loaded(Model network, Info info, ModelMetadata metadata) {
    }

    private LesionSegmenter() {
    }

    /**
     * A two-level 3D U-Net-style encoder-decoder: two 3x3x3 convolutions per level (f, 2f, 4f filters), max pooling
     * down, nearest upsampling and a convolution back to the level's width up, and a full-resolution skip connection
     * that is added (a residual block around the deeper levels, as LinkNet) rather than concatenated: DL4J
     * 1.0.0-M2.1's MergeVertex cannot back-propagate rank-5 (3D) activations, and the spec has no nested residual
     * blocks, so the half-resolution level has no skip of its own. A per-voxel softmax over background/lesion; "same"
     * padding keeps it fully convolutional, so inference may use larger windows than the training patches (any
     * multiple of 4).
     */
    public static ModelSpec spec(int patch, int f, long seed) {
        return ModelSpec.of("ct-lesion-unet3d", new int[] { 1, patch, patch, patch },
                conv(f, 3).padding("same").activation("relu"), conv(f, 3).padding("same").activation("relu").name("enc1"),
                residual(maxPool(2),
                        conv(2 * f, 3).padding("same").activation("relu"), conv(2 * f, 3).padding("same").activation("relu").name("enc2"),
                        maxPool(2),
                        conv(4 * f, 3).padding("same").activation("relu"), conv(4 * f, 3).padding("same").activation("relu").name("bottom"),
                        upsample(2), conv(2 * f, 3).padding("same").activation("relu").name("dec2"),
                        upsample(2), conv(f, 3).padding("same").activation("relu").name("up1")).activation("relu").name("skip1"),
                conv(f, 3).padding("same").activation("relu").name("dec1"),
                output(2)).seed(seed);
    }

    public static TrainingConfig config(Settings s) {
        return new TrainingConfig().epochs(s.epochs()).batchSize(s.batch()).learningRate(s.learningRate())
                .cosineSchedule(s.learningRate() / 10).validationFraction(0).iterationAccuracy(false).seed(s.seed());
    }

    /** Training patches and validation patches (other patches of the training volumes, for the live Dice). */
    public static PatchSampler[] samplers(List<LesionCase> train, Settings s) {
        int val = Math.max(s.batch(), s.patches() / 10);
        return new PatchSampler[] { new PatchSampler(train, s.patch(), s.patches(), s.foreground(), s.hard(), s.seed()),
                new PatchSampler(train, s.patch(), val, s.foreground(), s.hard(), s.seed() + 7919) };
    }

    public static ModelSpec weightedSpec(Settings s) {
        return spec(s.patch(), s.baseFilters(), s.seed()).withClassWeights(new double[] { 1, s.lesionWeight() });
    }

    /** The training job without mining (submit it to the compute service, or run it with any JobContext). */
    public static TrainingJob job(List<LesionCase> train, Settings s, TrainingCallbacks extra) {
        PatchSampler[] p = samplers(train, s);
        return new TrainingJob(new Trainer(weightedSpec(s), config(s)), p[0], p[1], null, null, extra);
    }

    public static Info info(Settings s, List<String> trainVolumes, LesionInserter.Settings lesions, int draws) {
        return new Info(s.spacingMm(), s.patch(), PatchSampler.HU_CENTRE, PatchSampler.HU_SCALE, PatchSampler.HU_MIN,
                PatchSampler.HU_MAX, trainVolumes, lesions, draws, s.patches(), s.foreground(), s.seed(), s.hard(), s.epochs(),
                s.minedEpochs(), TissueMask.halfWidth(lesions, s.spacingMm()), null, null);
    }

    /** Writes the network with its metadata (spec, training config, last epoch's metrics) and {@link Info}. */
    public static void save(Path file, TrainingResult r, Info info) throws IOException {
        EpochMetrics m = r.last();
        ModelMetadata meta = ModelMetadata.forSpec(r.spec()).seed(r.config().seed()).training(r.config().toJsonTree())
                .classNames(CLASS_NAMES).metric("epoch", m.epoch()).metric("trainLoss", m.trainLoss())
                .metric("valLoss", m.valLoss()).metric("valDice", m.valDice());
        ModelFile.save(file, r.network(), meta, false, Map.of(INFO_ENTRY, GSON.toJson(info).getBytes(StandardCharsets.UTF_8)));
    }

    public static Loaded load(Path file) throws IOException {
        byte[] raw = ModelFile.readExtra(file, INFO_ENTRY);
        if (raw == null)
            throw new IOException(file + ": not a CT lesion segmenter (no " + INFO_ENTRY + " inside; train one with 'ct train')");
        Info info = GSON.fromJson(new String(raw, StandardCharsets.UTF_8), Info.class);
        LoadedModel m = ModelFile.load(file);
        m.checkInput(new int[] { 1, info.patch(), info.patch(), info.patch() });
        return new Loaded(m.network(), info, m.metadata());
    }

    /**
     * The layer whose unit 1 is the lesion logit (the 1x1x1 convolution before the per-voxel softmax): where the unit
     * explorer starts, showing the sub-volumes the net finds most lesion-like.
     */
    public static String logitLayer(Model net) {
        if (net instanceof org.deeplearning4j.nn.graph.ComputationGraph g) {
            var conf = g.getConfiguration();
            return conf.getVertexInputs().get(conf.getNetworkOutputs().get(0)).get(0);
        }
        org.deeplearning4j.nn.multilayer.MultiLayerNetwork m = (org.deeplearning4j.nn.multilayer.MultiLayerNetwork) net;
        return m.getLayer(m.getnLayers() - 2).conf().getLayer().getLayerName();
    }

    /** The network over one window: [1, 1, s, s, s] in, softmax [1, 2, s, s, s] out. */
    public static SlidingWindow.Model windowModel(Model net) {
        return new SlidingWindow.Model() {
            @Override
            public int classes() {
                return 2;
            }

            @Override
            public float[][] predict(float[] window, int size) {
                INDArray in = Nd4j.create(window, new long[] { 1, 1, size, size, size }, 'c');
                INDArray out = Networks.output(net, in).castTo(DataType.FLOAT);
                int n = size * size * size;
                float[] all = out.dup('c').reshape(2L * n).toFloatVector();
                return new float[][] { java.util.Arrays.copyOfRange(all, 0, n), java.util.Arrays.copyOfRange(all, n, 2 * n) };
            }
        };
    }

    /**
     * Lesion probability of every voxel of a volume on the model's grid (the volume is resampled to it first): a float
     * volume in 0..1 with the volume's origin and axes, 0 outside the {@link TissueMask} (where no lesion can lie).
     *
     * @param window inference window (a multiple of 4; larger than the training patch is faster)
     */
    public static Volume probability(Loaded model, Volume v, int window, int overlap, BooleanSupplier cancelled,
            SlidingWindow.Progress progress) {
        return probabilityOnGrid(model.network(), model.info(), Resample.isotropic(v, model.info().spacingMm()), window, overlap,
                cancelled, progress);
    }

    /** {@link #probability} of a volume already on the model's grid (e.g. a lesion case). */
    public static Volume probabilityOnGrid(Model net, Info info, Volume grid, int window, int overlap, BooleanSupplier cancelled,
            SlidingWindow.Progress progress) {
        Volume p = Volume.ofFloats(grid.nx(), grid.ny(), grid.nz(), grid.spacing(), grid.origin(), grid.axes());
        p.description("lesion probability");
        Volume mask = info.maskHalfWidth() > 0 ? TissueMask.of(grid, info.maskHalfWidth(), TissueMask.SHARE) : null;
        new SlidingWindow(window, overlap).run(grid, info.normaliser(), windowModel(net), (k, values) -> {
            float[] out = p.floatSlice(k);
            System.arraycopy(values[1], 0, out, 0, values[1].length);
            if (mask != null) {
                short[] m = mask.shortSlice(k);
                for (int t = 0; t < out.length; t++)
                    if (m[t] == 0)
                        out[t] = 0;
            }
        }, cancelled, progress);
        return p;
    }
}
