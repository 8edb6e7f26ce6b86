package convbench.dicom.api;

import java.io.IOException;
import java.nio.file.Path;

/** A file could not be read as DICOM; the message starts with the file and says what is wrong. */
public class DicomReadException extends IOException {
    private static final long serialVersionUID = 1L;
    private final transient Path file;

    public DicomReadException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    public DicomReadException(Path file, String problem) {
        this(file, problem, null);
    }

    public Path file() {
        return file;
    }
}
