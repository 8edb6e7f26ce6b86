package convbench.face;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Detection, landmarks, alignment and embedding of faces with face-api's networks rebuilt in DL4J SameDiff: the
 * headless entry point for the UI and the {@code face} commands. Thread-safe (each network serialises its calls).
 */
public final class FaceAnalyzer {
    /** face-api's default detector input size and score threshold (TinyFaceDetectorOptions). */
    public static final int FACEAPI_INPUT_SIZE = 416;
    public static final double DEFAULT_SCORE_THRESHOLD = 0.5;
    /**
     * ConvBench's default: the tiny detector at two input sizes, merged by non-maximum suppression. One size misses
     * faces the other finds (on the fixtures: 416 misses a dark bearded face and one of two heads in a group photo
     * that 608 finds; 608 alone is weaker on faces filling the frame).
     */
    public static final int[] DEFAULT_INPUT_SIZES = {416, 608};

    private final Path modelDir;
    private final TinyFaceDetectorNet detector;
    private final FaceLandmarkNet landmarkNet;
    private final FaceRecognitionNet recognitionNet;
    private final int[] inputSizes;
    private final double scoreThreshold;

    private FaceAnalyzer(Path modelDir) throws Exception {
        this.modelDir = modelDir;
        this.detector = TinyFaceDetectorNet.load(modelDir);
        this.landmarkNet = FaceLandmarkNet.load(modelDir);
        this.recognitionNet = FaceRecognitionNet.load(modelDir);
        this.inputSizes = DEFAULT_INPUT_SIZES.clone();
        this.scoreThreshold = DEFAULT_SCORE_THRESHOLD;
    }

    private FaceAnalyzer(FaceAnalyzer nets, double scoreThreshold, int[] inputSizes) {
        this.modelDir = nets.modelDir;
        this.detector = nets.detector;
        this.landmarkNet = nets.landmarkNet;
        this.recognitionNet = nets.recognitionNet;
        this.inputSizes = inputSizes.clone();
        this.scoreThreshold = scoreThreshold;
    }

    /** Loads the three networks from face-api's model folder (see {@link FaceModels#locate()}). */
    public static FaceAnalyzer open(Path modelDir) throws FaceException {
        try {
            return new FaceAnalyzer(modelDir);
        } catch (FaceException e) {
            throw e;
        } catch (Exception e) {
            throw new FaceException("cannot build the face networks from " + modelDir + ": " + e, e);
        }
    }

    public static FaceAnalyzer openDefault() throws FaceException {
        return open(FaceModels.locate());
    }

    public Path modelDir() {
        return modelDir;
    }

    /**
     * The same networks with another detector set-up: score threshold (0..1) and input sizes (multiples of 32;
     * larger finds smaller faces, slower; several are merged by non-maximum suppression).
     */
    public FaceAnalyzer withDetector(double scoreThreshold, int... inputSizes) {
        if (inputSizes.length == 0)
            throw new IllegalArgumentException("at least one detector input size is needed");
        for (int size : inputSizes)
            if (size <= 0 || size % 32 != 0)
                throw new IllegalArgumentException("detector input size must be a positive multiple of 32, got " + size);
        if (!(scoreThreshold > 0 && scoreThreshold < 1))
            throw new IllegalArgumentException("detector score threshold must lie in (0, 1), got " + scoreThreshold);
        return new FaceAnalyzer(this, scoreThreshold, inputSizes);
    }

    public int[] inputSizes() {
        return inputSizes.clone();
    }

    public double scoreThreshold() {
        return scoreThreshold;
    }

    public TinyFaceDetectorNet detector() {
        return detector;
    }

    public FaceLandmarkNet landmarkNet() {
        return landmarkNet;
    }

    public FaceRecognitionNet recognitionNet() {
        return recognitionNet;
    }

    /** Face boxes, best score first. */
    public List<FaceBox> detect(RgbImage image) throws FaceException {
        try {
            if (inputSizes.length == 1)
                return detector.detect(image, inputSizes[0], scoreThreshold);
            List<FaceBox> all = new ArrayList<>();
            for (int size : inputSizes)
                all.addAll(detector.detect(image, size, scoreThreshold));
            return TinyFaceDetectorNet.nonMaxSuppression(all, TinyFaceDetectorNet.IOU_THRESHOLD);
        } catch (Exception e) {
            throw new FaceException("face detection failed: " + e, e);
        }
    }

    /** 68 landmarks (image pixels) of the face in {@code box}, from the crop face-api takes (clipped, floored). */
    public double[] landmarks(RgbImage image, FaceBox box) throws FaceException {
        int[] r = box.clippedPixels(image.width(), image.height());
        if (r[2] <= 0 || r[3] <= 0)
            throw new FaceException("face box " + box + " lies outside the " + image.width() + "x" + image.height() + " image");
        double[] pts;
        try {
            pts = landmarkNet.landmarks(image.crop(r[0], r[1], r[2], r[3]));
        } catch (Exception e) {
            throw new FaceException("landmark detection failed: " + e, e);
        }
        // face-api shifts by the detection's own (unfloored) corner, not by the crop's
        for (int i = 0; i < 68; i++) {
            pts[2 * i] += box.x();
            pts[2 * i + 1] += box.y();
        }
        return pts;
    }

    /** The 150x150 input of the recognition network for one face. */
    public RgbImage chip(RgbImage image, double[] landmarks, FaceBox box, Alignment alignment) throws FaceException {
        if (alignment == Alignment.DLIB_CHIP)
            return FaceAligner.dlibChip(image, landmarks);
        int[] r = FaceAligner.faceApiBox(landmarks, box.score(), image.width(), image.height()).clippedPixels(image.width(), image.height());
        if (r[2] <= 0 || r[3] <= 0)
            throw new FaceException("aligned face box lies outside the image");
        return image.crop(r[0], r[1], r[2], r[3]).padToSquare(true).resizeBilinear(FaceRecognitionNet.SIZE,
                FaceRecognitionNet.SIZE);
    }

    /** Nanoseconds spent in each stage of {@link #analyse}, summed over calls (for the benchmark's profile). */
    public static final class StageTimes {
        public long detect, landmarks, align, embed;

        public Map<String, Double> seconds() {
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("detect", detect / 1e9);
            m.put("landmarks", landmarks / 1e9);
            m.put("align", align / 1e9);
            m.put("embed", embed / 1e9);
            return m;
        }
    }

    /** Every face: box, landmarks, aligned chip and embedding, best detector score first. */
    public List<Face> analyse(RgbImage image, Alignment alignment) throws FaceException {
        return analyse(image, alignment, new StageTimes());
    }

    /** As above, adding each stage's time to {@code times}. */
    public List<Face> analyse(RgbImage image, Alignment alignment, StageTimes times) throws FaceException {
        List<Face> faces = new ArrayList<>();
        List<RgbImage> chips = new ArrayList<>();
        long t = System.nanoTime();
        List<FaceBox> boxes = detect(image);
        times.detect += System.nanoTime() - t;
        for (FaceBox box : boxes) {
            t = System.nanoTime();
            double[] lm = landmarks(image, box);
            long t2 = System.nanoTime();
            RgbImage chip = chip(image, lm, box, alignment);
            times.landmarks += t2 - t;
            times.align += System.nanoTime() - t2;
            chips.add(chip);
            faces.add(new Face(box, lm, chip, null));
        }
        t = System.nanoTime();
        float[][] e = embed(chips.toArray(RgbImage[]::new));
        times.embed += System.nanoTime() - t;
        List<Face> out = new ArrayList<>();
        for (int i = 0; i < faces.size(); i++)
            out.add(new Face(faces.get(i).box(), faces.get(i).landmarks(), chips.get(i), e[i]));
        return out;
    }

    public List<Face> analyse(RgbImage image) throws FaceException {
        return analyse(image, Alignment.DLIB_CHIP);
    }

    /** Embeddings of 150x150 chips. */
    public float[][] embed(RgbImage... chips) throws FaceException {
        try {
            return recognitionNet.embed(chips);
        } catch (Exception e) {
            throw new FaceException("face embedding failed: " + e, e);
        }
    }

    /** The one face of a portrait, when one is expected: the largest box, with a note when there were more. */
    public record Single(Face face, int facesFound, String note) {
    }

    /** The largest face of an image; no face is a {@link FaceException} naming {@code source}. */
    public Single single(RgbImage image, String source, Alignment alignment) throws FaceException {
        List<FaceBox> boxes = detect(image);
        if (boxes.isEmpty())
            throw new FaceException("no face found in " + source + " (tiny face detector, input sizes "
                    + java.util.Arrays.toString(inputSizes) + ", score > " + scoreThreshold
                    + "); a larger, frontal, well-lit face helps, or other --input-sizes / a lower --min-score");
        FaceBox largest = boxes.stream().max(Comparator.comparingDouble(FaceBox::area)).orElseThrow();
        double[] lm = landmarks(image, largest);
        RgbImage chip = chip(image, lm, largest, alignment);
        Face face = new Face(largest, lm, chip, embed(chip)[0]);
        String note = boxes.size() > 1 ? boxes.size() + " faces found in " + source + ", one expected: using the largest ("
                + Math.round(largest.width()) + "x" + Math.round(largest.height()) + " px at " + Math.round(largest.x())
                + "," + Math.round(largest.y()) + ")" : null;
        return new Single(face, boxes.size(), note);
    }
}
