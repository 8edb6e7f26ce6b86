package convbench.ct.api;

import java.io.IOException;

/** A CT input problem a user can act on; the message names the file or folder and the problem. */
public class CtException extends IOException {
    private static final long serialVersionUID = 1L;

    public CtException(String message) {
        super(message);
    }

    public CtException(String message, Throwable cause) {
        super(message, cause);
    }
}
