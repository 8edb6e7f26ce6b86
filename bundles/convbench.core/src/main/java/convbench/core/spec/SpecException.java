package convbench.core.spec;

/** A model spec that cannot be read or built; the message names the layer (and file, when read from one). */
public class SpecException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public SpecException(String message) {
        super(message);
    }

    public SpecException(String message, Throwable cause) {
        super(message, cause);
    }
}
