package convbench.ekg.classify;

import com.google.gson.GsonBuilder;
import convbench.cli.api.CliArgs;
import convbench.cli.api.CliCommand;
import convbench.cli.api.CliResult;
import convbench.ekg.internal.EkgClassifyCommand;
import convbench.ekg.internal.EkgEvalCommand;
import convbench.ekg.internal.EkgTrainCommand;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Runs {@code ekg train|eval|classify} outside OSGi on the test class path (no compute service: training runs in this
 * thread), for the full MIT-BIH runs: {@code java -cp <test class path> convbench.ekg.classify.ClassifierCliMain train
 * --db ... --protocol inter}. Prints the text table on stderr and the JSON on stdout.
 */
public final class ClassifierCliMain {
    private ClassifierCliMain() {
    }

    public static void main(String[] argv) throws Exception {
        if (argv.length == 0)
            throw new IllegalArgumentException("usage: ClassifierCliMain train|eval|classify <options>");
        CliCommand cmd = switch (argv[0]) {
            case "train" -> new EkgTrainCommand();
            case "eval" -> new EkgEvalCommand();
            case "classify" -> new EkgClassifyCommand();
            default -> throw new IllegalArgumentException("unknown action " + argv[0]);
        };
        CliArgs args = CliArgs.parse(List.of(Arrays.copyOfRange(argv, 1, argv.length)), Set.of("json"));
        long[] last = {0};
        CliResult r = cmd.run(args, (f, m) -> {
            // per-batch progress is printed at most every 15 s; messages without a fraction always
            long now = System.nanoTime();
            if (f < 0 || now - last[0] > 15_000_000_000L) {
                last[0] = now;
                System.err.printf("[%s] %s%n", f < 0 ? "..." : String.format("%3.0f%%", 100 * f), m);
            }
        });
        System.err.print(r.text());
        System.out.println(new GsonBuilder().serializeSpecialFloatingPointValues().create().toJson(r.json()));
    }
}
