package convbench.face;

/**
 * A user-facing face error: no face found, unreadable image, unknown identity, missing models, a bad database
 * file. The message names the file or identity and says what to do.
 */
public class FaceException extends Exception {
    private static final long serialVersionUID = 1L;

    public FaceException(String message) {
        super(message);
    }

    public FaceException(String message, Throwable cause) {
        super(message, cause);
    }
}
