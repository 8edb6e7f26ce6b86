package convbench.face.train;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import convbench.core.model.AtomicFiles;
import convbench.face.FaceException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * The trained part of a Siamese network: an encoder f on top of the frozen dlib ResNet's 128-d embeddings (dense
 * layers, ReLU between them, the last one linear, then L2-normalised), and for the binary-classification variant the
 * logistic unit y = sigma(sum_k w_k |f(x_i)_k - f(x_j)_k| + b). Both images of a pair go through the same f (tied
 * weights). Plain arrays; the SameDiff graph is built from them ({@link SiameseGraph}). Saved as a zip holding one
 * JSON entry.
 */
public final class SiameseHead {
    public static final String FORMAT = "convbench.face.siamese-head";
    static final String ENTRY = "siamese-head.json";

    /** What the head was trained with. */
    public enum Loss {
        TRIPLET("triplet"), BINARY("binary");

        private final String id;

        Loss(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        public static Loss fromId(String id) {
            for (Loss l : values())
                if (l.id.equals(id.toLowerCase(Locale.ROOT)))
                    return l;
            throw new IllegalArgumentException("unknown loss '" + id + "': triplet or binary");
        }
    }

    final Loss loss;
    final int inputDim;
    final boolean normalise;
    /** weights[l][in][out] and biases[l][out] of the encoder's dense layers. */
    final double[][][] weights;
    final double[][] biases;
    /** The binary unit (null for triplet heads). */
    final double[] pairWeights;
    double pairBias;
    /** The input the head was trained on, {@link FaceFeatures#DLIB}, {@link FaceFeatures#MIDDLE} or {@link FaceFeatures#PIXELS}. */
    String input = FaceFeatures.DLIB;
    /** Verification threshold chosen on the training pairs: tau on d (triplet) or on y (binary); NaN until set. */
    double threshold = Double.NaN;

    SiameseHead(Loss loss, int inputDim, boolean normalise, double[][][] weights, double[][] biases, double[] pairWeights,
            double pairBias) {
        if (weights.length == 0 || weights.length != biases.length)
            throw new IllegalArgumentException("an encoder needs at least one dense layer with a bias");
        int in = inputDim;
        for (int l = 0; l < weights.length; l++) {
            if (weights[l].length != in || biases[l].length != weights[l][0].length)
                throw new IllegalArgumentException("layer " + l + " does not fit: " + weights[l].length + "x"
                        + weights[l][0].length + " after " + in);
            in = weights[l][0].length;
        }
        if ((loss == Loss.BINARY) != (pairWeights != null) || pairWeights != null && pairWeights.length != in)
            throw new IllegalArgumentException("a binary head needs one pair weight per output dimension, a triplet head none");
        this.loss = loss;
        this.inputDim = inputDim;
        this.normalise = normalise;
        this.weights = weights;
        this.biases = biases;
        this.pairWeights = pairWeights;
        this.pairBias = pairBias;
    }

    /**
     * A fresh head: Glorot-uniform dense layers of the given sizes (the last is the output dimension), zero biases;
     * the binary unit starts at w = 0, b = 0 (y = 0.5).
     */
    public static SiameseHead initial(Loss loss, int inputDim, int[] sizes, boolean normalise, long seed) {
        if (sizes.length == 0)
            throw new IllegalArgumentException("give at least one layer size");
        Random r = new Random(seed);
        double[][][] w = new double[sizes.length][][];
        double[][] b = new double[sizes.length][];
        int in = inputDim;
        for (int l = 0; l < sizes.length; l++) {
            if (sizes[l] <= 0)
                throw new IllegalArgumentException("layer sizes must be positive, got " + sizes[l]);
            double limit = Math.sqrt(6.0 / (in + sizes[l]));
            w[l] = new double[in][sizes[l]];
            for (double[] row : w[l])
                for (int k = 0; k < row.length; k++)
                    row[k] = (2 * r.nextDouble() - 1) * limit;
            b[l] = new double[sizes[l]];
            in = sizes[l];
        }
        return new SiameseHead(loss, inputDim, normalise, w, b, loss == Loss.BINARY ? new double[in] : null, 0);
    }

    public Loss loss() {
        return loss;
    }

    public int inputDim() {
        return inputDim;
    }

    public int outputDim() {
        return biases[biases.length - 1].length;
    }

    public boolean normalised() {
        return normalise;
    }

    public int[] layerSizes() {
        int[] s = new int[biases.length];
        for (int l = 0; l < s.length; l++)
            s[l] = biases[l].length;
        return s;
    }

    public String input() {
        return input;
    }

    public double threshold() {
        return threshold;
    }

    /** "squared-euclidean" (same when d <= tau) or "probability" (same when y >= tau). */
    public String metric() {
        return loss == Loss.TRIPLET ? "squared-euclidean" : "probability";
    }

    /** f(x) for every row of x (rows of the dlib embedding). */
    public float[][] encode(float[][] x) throws Exception {
        return SiameseGraph.of(this).encode(x);
    }

    /**
     * Same-person scores of pairs (i[k], j[k]) of rows of x, higher meaning more alike: -||f(x_i) - f(x_j)||^2 for a
     * triplet head, y for a binary head.
     */
    public double[] pairScores(float[][] x, int[] i, int[] j) throws Exception {
        if (loss == Loss.BINARY)
            return SiameseGraph.of(this).probabilities(x, i, j);
        float[][] f = encode(x);
        double[] s = new double[i.length];
        for (int k = 0; k < s.length; k++)
            s[k] = -squared(f[i[k]], f[j[k]]);
        return s;
    }

    static double squared(float[] a, float[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            double t = a[k] - b[k];
            s += t * t;
        }
        return s;
    }

    /** Score-scale threshold (see {@link #pairScores}) to the user's scale (d for triplet heads) and back. */
    double toUserThreshold(double scoreThreshold) {
        return loss == Loss.TRIPLET ? -scoreThreshold : scoreThreshold;
    }

    private record Stored(String format, String input, String loss, int inputDim, boolean normalise, double[][][] weights,
            double[][] biases, double[] pairWeights, double pairBias, Double threshold, String metric) {
    }

    public void save(Path file) throws IOException {
        String json = new GsonBuilder().serializeSpecialFloatingPointValues().create().toJson(new Stored(FORMAT, input, loss.id(),
                inputDim, normalise, weights, biases, pairWeights, pairBias, Double.isNaN(threshold) ? null : threshold, metric()));
        AtomicFiles.write(file, out -> {
            ZipOutputStream zip = new ZipOutputStream(out);
            zip.putNextEntry(new ZipEntry(ENTRY));
            zip.write(json.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            zip.finish();
        });
    }

    public static SiameseHead load(Path file) throws FaceException {
        if (!Files.isRegularFile(file))
            throw new FaceException("Siamese head " + file + " does not exist (write one with face train --out)");
        try (InputStream in = Files.newInputStream(file); ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null;) {
                if (!e.getName().equals(ENTRY))
                    continue;
                Stored s = new Gson().fromJson(new String(zip.readAllBytes(), StandardCharsets.UTF_8), Stored.class);
                if (s == null || !FORMAT.equals(s.format()))
                    throw new FaceException(file + ": not a ConvBench Siamese head (format " + (s == null ? null : s.format()) + ")");
                SiameseHead h = new SiameseHead(Loss.fromId(s.loss()), s.inputDim(), s.normalise(), s.weights(), s.biases(),
                        s.pairWeights(), s.pairBias());
                h.input = FaceFeatures.check(s.input() == null ? FaceFeatures.DLIB : s.input());
                h.threshold = s.threshold() == null ? Double.NaN : s.threshold();
                return h;
            }
            throw new FaceException(file + ": no " + ENTRY + " inside (not a head written by face train)");
        } catch (IOException | JsonParseException | IllegalArgumentException | NullPointerException e) {
            throw new FaceException(file + ": unreadable Siamese head: " + e.getMessage(), e);
        }
    }
}
