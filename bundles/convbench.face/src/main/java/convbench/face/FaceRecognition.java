package convbench.face;

import java.util.ArrayList;
import java.util.List;

/**
 * Verification and recognition with a {@link FaceDatabase}: d = ||f(x1) - f(x2)||^2 against tau (default 0.36, i.e.
 * dlib's 0.6 on the plain Euclidean distance). One image enrols a person; a group photo gets every face labelled.
 */
public final class FaceRecognition {
    private final FaceAnalyzer analyzer;
    private final FaceDatabase db;
    private final double threshold;
    private final Alignment alignment;

    public FaceRecognition(FaceAnalyzer analyzer, FaceDatabase db, double threshold, Alignment alignment) {
        if (!(threshold > 0))
            throw new IllegalArgumentException("threshold tau must be positive, got " + threshold);
        this.analyzer = analyzer;
        this.db = db;
        this.threshold = threshold;
        this.alignment = alignment;
    }

    public FaceRecognition(FaceAnalyzer analyzer, FaceDatabase db) {
        this(analyzer, db, FaceDatabase.DEFAULT_THRESHOLD, Alignment.DLIB_CHIP);
    }

    public double threshold() {
        return threshold;
    }

    public FaceDatabase database() {
        return db;
    }

    /** {@code note}: set when the image held several faces and the largest was used. */
    public record Enrolment(String identity, int embeddings, int persons, Face face, String note) {
    }

    public record Verification(String identity, double distance, double threshold, boolean same, Face face, String note) {
        /** The plain Euclidean distance sqrt(d), on dlib's customary scale (0.6). */
        public double euclidean() {
            return Math.sqrt(distance);
        }
    }

    /** One face of an image: its identity within tau, or "unknown"; {@code nearest} is the closest person either way. */
    public record Identification(Face face, String identity, double distance, String nearest) {
        public static final String UNKNOWN = "unknown";

        public boolean known() {
            return !UNKNOWN.equals(identity);
        }
    }

    private void checkAlignment() throws FaceException {
        if (db.alignment() != null && !db.alignment().equals(alignment.id()))
            throw new FaceException("the database holds " + db.alignment() + " embeddings; compare with --alignment "
                    + db.alignment() + ", not " + alignment.id());
    }

    /** One-shot enrolment: the (largest) face of the image is added to {@code identity}; no retraining. */
    public Enrolment enrol(String identity, RgbImage image, String source) throws FaceException {
        FaceAnalyzer.Single s = analyzer.single(image, source, alignment);
        int n = db.enrol(identity, s.face().embedding(), alignment);
        return new Enrolment(identity.strip(), n, db.size(), s.face(), s.note());
    }

    /** Is the (largest) face of the image {@code identity}? Unknown identities fail before the image is analysed. */
    public Verification verify(String identity, RgbImage image, String source) throws FaceException {
        checkAlignment();
        db.distance(identity, new float[FaceRecognitionNet.DIMENSIONS]); // fails fast on an identity not enrolled
        FaceAnalyzer.Single s = analyzer.single(image, source, alignment);
        double d = db.distance(identity, s.face().embedding());
        return new Verification(identity, d, threshold, d <= threshold, s.face(), s.note());
    }

    /** Every face of the image, best detector score first, each with its identity or "unknown". */
    public List<Identification> identify(RgbImage image) throws FaceException {
        if (db.size() == 0)
            throw new FaceException("the face database is empty: enrol someone first");
        checkAlignment();
        List<Identification> out = new ArrayList<>();
        for (Face f : analyzer.analyse(image, alignment)) {
            FaceDatabase.Match m = db.nearest(f.embedding());
            out.add(new Identification(f, m.distance() <= threshold ? m.identity() : Identification.UNKNOWN,
                    m.distance(), m.identity()));
        }
        return out;
    }
}
