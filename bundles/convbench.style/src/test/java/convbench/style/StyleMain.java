package convbench.style;

import com.google.gson.GsonBuilder;
import convbench.cli.api.CliArgs;
import convbench.cli.api.CliCommand;
import convbench.cli.api.CliResult;
import convbench.style.internal.StyleBenchCommand;
import convbench.style.internal.StyleRunCommand;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Runs {@code style run|bench} outside OSGi from the test class path, for long runs and benchmarks that do not belong
 * in the unit tests: {@code java -cp <test class path> convbench.style.StyleMain run --content ... --json}.
 */
public final class StyleMain {
    private StyleMain() {
    }

    public static void main(String[] argv) throws Exception {
        if (argv.length == 0)
            throw new IllegalArgumentException("usage: StyleMain run|bench [options]");
        CliCommand command = switch (argv[0]) {
            case "run" -> new StyleRunCommand();
            case "bench" -> new StyleBenchCommand();
            default -> throw new IllegalArgumentException("unknown action " + argv[0]);
        };
        List<String> words = Arrays.asList(argv).subList(1, argv.length);
        CliArgs args = CliArgs.parse(words, Set.of("json", "help"));
        PrintStream stdout = System.out;
        System.setOut(System.err); // as the CLI does: SameDiff's chatter must not spoil the JSON on stdout
        CliResult r;
        try {
            r = command.run(args, (fraction, message) -> System.err.println(
                    (fraction >= 0 ? String.format("[%3.0f%%] ", 100 * fraction) : "[   ] ") + message));
        } finally {
            System.setOut(stdout);
        }
        System.out.println(args.flag("json") ? new GsonBuilder().serializeSpecialFloatingPointValues().create().toJson(r.json()) : r.text());
    }
}
