package convbench.cli.api;

/**
 * One headless action of the command line, {@code ./convbench <area> <action> [options]}.
 * Plugins register implementations as OSGi services (Declarative Services); the CLI application
 * and the menu handlers call the same headless code behind them.
 */
public interface CliCommand {
    /** First word on the command line, e.g. {@code "ekg"}. */
    String area();

    /** Second word, e.g. {@code "read"}; an empty string for a one-word command such as {@code bench}. */
    String action();

    /** One line shown in {@code ./convbench help}. */
    String summary();

    /** The options, shown by {@code ./convbench <area> <action> --help}. */
    String usage();

    /**
     * Runs the action. A user error (missing file, bad value) is a {@link CliException} naming the file and the
     * problem; anything else is a bug and is reported with its stack trace.
     */
    CliResult run(CliArgs args, CliProgress progress) throws Exception;
}
