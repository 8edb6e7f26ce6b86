package convbench.cli.api;

/**
 * What a command produced: {@code json} (a record, map or list; printed as one JSON object with {@code --json})
 * and {@code text} (printed for people otherwise).
 */
public record CliResult(Object json, String text) {
    public static CliResult of(Object json, String text) {
        return new CliResult(json, text);
    }
}
