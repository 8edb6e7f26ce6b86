package convbench.compute;

/** A job that cannot fit the device or RAM; the message says how much it needs and how much there is. */
public class JobRefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public JobRefusedException(String message) {
        super(message);
    }
}
