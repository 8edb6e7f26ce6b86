package convbench.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The command line of the materialised product: every plugin's headless commands are registered inside OSGi
 * (a bundle that is never started contributes none), JSON goes alone to stdout, bad input exits with 2.
 */
class CliProductTest {
    private static final Path ROOT = Path.of(System.getProperty("convbench.root", ".")).toAbsolutePath().normalize();

    record Run(int status, String out, String err) {
    }

    static Run convbench(String... args) throws Exception {
        return run(ROOT.resolve("releng/run-product.sh"), args);
    }

    /** Runs {@code exe} (the product's launcher, or the ./convbench script without its rebuild check). */
    private static Run run(Path exe, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(exe.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("CONVBENCH_NO_BUILD", "1");
        Process p = pb.start();
        var err = p.getErrorStream();
        Thread drain = new Thread(() -> {
            try {
                err.transferTo(System.err);
            } catch (java.io.IOException e) {
                // the process ended
            }
        });
        drain.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(5, TimeUnit.MINUTES))
            p.destroyForcibly();
        drain.join(1000);
        return new Run(p.exitValue(), out, "");
    }

    @Test
    void everyPluginRegistersItsCommands() throws Exception {
        Run help = convbench("help");
        assertEquals(0, help.status());
        for (String command : List.of("compute info", "compute selftest", "ekg read", "ekg qrs", "ct info",
                "ct convert", "ct export-seg", "ct bench", "model classify", "units", "face identify", "face verify", "face enrol", "face train", "face compare", "face bench", "face units", "style run"))
            assertTrue(help.out().contains("  " + command + " "), "'" + command + "' is missing from:\n" + help.out());
    }

    /** ./convbench help also names bench, which the script runs outside the product. */
    @Test
    void scriptHelpListsTheBenchmarkToo() throws Exception {
        Run help = run(ROOT.resolve("convbench"), "help");
        assertEquals(0, help.status());
        assertTrue(help.out().contains("\n  bench ") && help.out().contains("  ct info "), help.out());
    }

    @Test
    void computeInfoPrintsOneJsonObject() throws Exception {
        Run info = convbench("compute", "info", "--json");
        assertEquals(0, info.status());
        String json = info.out().trim();
        assertTrue(json.startsWith("{\"backend\":\"CPU\"") && json.endsWith("}") && json.lines().count() == 1, json);
        assertTrue(json.contains("\"cores\":" + Runtime.getRuntime().availableProcessors()), json);
    }

    @Test
    void badInputExitsWithTwoAndNothingOnStdout() throws Exception {
        Run bad = convbench("ekg", "read", ROOT.resolve("pom.xml").toString(), "--json");
        assertEquals(2, bad.status());
        assertEquals("", bad.out());
    }
}
