package convbench.cli.api;

/** A user error: printed as one line on stderr, the process exits with status 2. */
public class CliException extends Exception {
    private static final long serialVersionUID = 1L;

    public CliException(String message) {
        super(message);
    }

    public CliException(String message, Throwable cause) {
        super(message, cause);
    }
}
