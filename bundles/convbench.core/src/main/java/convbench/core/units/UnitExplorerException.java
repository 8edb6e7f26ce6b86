package convbench.core.units;

/** The layer, unit or data does not suit the explorer; the message names them. */
public class UnitExplorerException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public UnitExplorerException(String message) {
        super(message);
    }
}
