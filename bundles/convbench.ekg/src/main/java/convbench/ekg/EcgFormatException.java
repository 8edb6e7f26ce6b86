package convbench.ekg;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file that cannot be read as an ECG record. The message always names the file and, where it is known, the
 * place: a header line, a byte offset or a sample number.
 */
public class EcgFormatException extends IOException {
    private static final long serialVersionUID = 1L;
    private final transient Path file;

    public EcgFormatException(Path file, String where, String problem) {
        super(file + (where == null || where.isEmpty() ? "" : " (" + where + ")") + ": " + problem);
        this.file = file;
    }

    public EcgFormatException(Path file, String where, String problem, Throwable cause) {
        this(file, where, problem);
        initCause(cause);
    }

    /** The file that could not be read. */
    public Path file() {
        return file;
    }
}
