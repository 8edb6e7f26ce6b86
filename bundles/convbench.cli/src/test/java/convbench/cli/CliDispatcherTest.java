package convbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.google.gson.JsonParser;

import convbench.cli.api.CliArgs;
import convbench.cli.api.CliCommand;
import convbench.cli.api.CliException;
import convbench.cli.api.CliProgress;
import convbench.cli.api.CliResult;
import convbench.cli.internal.CliDispatcher;

class CliDispatcherTest {
    /** A command that reads a file option, like the plugins' commands do. */
    static final class SizeCommand implements CliCommand {
        @Override
        public String area() {
            return "file";
        }

        @Override
        public String action() {
            return "size";
        }

        @Override
        public String summary() {
            return "size of a file";
        }

        @Override
        public String usage() {
            return "file size --path P [--json]";
        }

        @Override
        public CliResult run(CliArgs args, CliProgress progress) throws Exception {
            System.out.println("library chatter that must not reach stdout");
            var path = args.existingPath("path");
            long size = java.nio.file.Files.size(path);
            if (size == 0)
                throw new CliException(path + ": empty file");
            return CliResult.of(Map.of("path", path.toString(), "bytes", size, "missing", java.util.Optional.empty().orElse(Double.NaN)),
                    path + ": " + size + " bytes");
        }
    }

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
    private final CliDispatcher cli = new CliDispatcher(() -> List.of(new SizeCommand()),
            new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

    @Test
    void jsonModePrintsExactlyOneJsonObjectOnStdout() throws Exception {
        var file = java.nio.file.Files.writeString(java.nio.file.Files.createTempFile("cli", ".txt"), "12345");
        assertEquals(0, cli.run(List.of("file", "size", "--path", file.toString(), "--json")));
        String stdout = out.toString(StandardCharsets.UTF_8).trim();
        var json = JsonParser.parseString(stdout).getAsJsonObject();
        assertEquals(5, json.get("bytes").getAsInt());
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("library chatter"), "chatter goes to stderr");
    }

    @Test
    void humanTextWithoutJson() throws Exception {
        var file = java.nio.file.Files.writeString(java.nio.file.Files.createTempFile("cli", ".txt"), "abc");
        assertEquals(0, cli.run(List.of("file", "size", "--path=" + file)));
        assertEquals(file + ": 3 bytes", out.toString(StandardCharsets.UTF_8).trim());
    }

    @Test
    void badInputExitsWithTwoAndOneLineNamingTheFile() throws Exception {
        var empty = java.nio.file.Files.createTempFile("cli", ".txt");
        assertEquals(2, cli.run(List.of("file", "size", "--path", empty.toString(), "--json")));
        assertEquals("convbench file size: " + empty + ": empty file", err.toString(StandardCharsets.UTF_8).lines()
                .filter(l -> !l.contains("chatter")).findFirst().orElseThrow());
        assertEquals("", out.toString(StandardCharsets.UTF_8), "nothing on stdout after an error");
        assertEquals(2, cli.run(List.of("file", "size", "--path", "/no/such/file.dat")));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("/no/such/file.dat: no such file or folder (--path)"));
    }

    @Test
    void unknownCommandsAreNamed() {
        assertEquals(2, cli.run(List.of("ekg", "frobnicate")));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown command 'ekg frobnicate'"));
    }

    @Test
    void helpListsTheCommands() {
        assertEquals(0, cli.run(List.of("help")));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("file size"));
    }
}
