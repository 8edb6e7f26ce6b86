package convbench.core.model;

/** The data does not fit the model's input; the message names the model file and both shapes. */
public class ModelShapeException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public ModelShapeException(String message) {
        super(message);
    }
}
