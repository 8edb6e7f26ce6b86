package convbench.cli.api;

/** Progress of a long command; the CLI prints it on stderr so stdout keeps only the result. */
public interface CliProgress {
    /** @param fraction 0..1, or negative when unknown */
    void report(double fraction, String message);

    CliProgress NONE = (fraction, message) -> { };
}
