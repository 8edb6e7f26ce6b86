/**
 * Faces, headless: face-api's (npm @vladmandic/face-api 1.7.15) tiny face detector, 68-point landmark net and the
 * dlib face recognition ResNet rebuilt as DL4J SameDiff graphs from the package's quantised weights.
 * <ul>
 * <li>{@link convbench.face.FaceAnalyzer}: detect, landmarks, align ({@link convbench.face.Alignment}), embed.</li>
 * <li>{@link convbench.face.FaceRecognition}: one-shot enrolment, verification (d = ||f(x1)-f(x2)||^2 against tau,
 * default 0.36 = dlib's 0.6 on the plain Euclidean distance) and recognition of every face of a photo.</li>
 * <li>{@link convbench.face.FaceDatabase}: embeddings only, JSON saved atomically with mode 0600, export/import.</li>
 * <li>{@link convbench.face.FaceOverlay}: boxes, landmarks and labels drawn offscreen.</li>
 * </ul>
 * User errors (no face, unreadable image, unknown identity, missing models) are {@link convbench.face.FaceException}s.
 */
package convbench.face;
