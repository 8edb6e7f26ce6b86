package convbench.core.importer;

import java.io.IOException;
import java.nio.file.Path;

/** A model or weight file that cannot be imported; the message names the file and the problem. */
public class ModelImportException extends IOException {
    private static final long serialVersionUID = 1L;

    public ModelImportException(Path file, String problem) {
        super(file + ": " + problem);
    }

    public ModelImportException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }
}
