package convbench.cli.internal;

import java.io.PrintStream;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

import convbench.cli.api.CliArgs;
import convbench.cli.api.CliCommand;
import convbench.cli.api.CliException;
import convbench.cli.api.CliProgress;
import convbench.cli.api.CliResult;

/**
 * Chooses and runs a command. With {@code --json} stdout carries exactly one JSON object: anything libraries
 * print while the command runs is sent to stderr. Exit status: 0 done, 2 bad input, 1 failure.
 */
public final class CliDispatcher {
    public static final int OK = 0, FAILED = 1, BAD_INPUT = 2;
    private static final Set<String> FLAGS = Set.of("json", "help");
    private static final Gson JSON = new GsonBuilder().serializeNulls().serializeSpecialFloatingPointValues()
            .disableHtmlEscaping().create();

    private final Supplier<List<CliCommand>> commands;
    private final PrintStream out;
    private final PrintStream err;

    public CliDispatcher(Supplier<List<CliCommand>> commands, PrintStream out, PrintStream err) {
        this.commands = commands;
        this.out = out;
        this.err = err;
    }

    public int run(List<String> words) {
        if (words.isEmpty() || words.get(0).equals("help") || words.get(0).equals("--help")) {
            out.println(help());
            return OK;
        }
        String area = words.get(0);
        String second = words.size() > 1 && !words.get(1).startsWith("--") ? words.get(1) : null;
        Optional<CliCommand> command = second == null ? Optional.empty() : find(area, second);
        List<String> rest = words.subList(command.isPresent() ? 2 : 1, words.size());
        if (command.isEmpty())
            command = find(area, ""); // one-word commands take the rest as arguments: convbench units ...
        if (command.isEmpty()) {
            err.println("convbench: unknown command '" + area + (second == null ? "" : " " + second)
                    + "' (./convbench help lists the commands)");
            return BAD_INPUT;
        }
        CliArgs args = CliArgs.parse(rest, FLAGS);
        CliCommand c = command.get();
        if (args.flag("help")) {
            out.println("usage: ./convbench " + c.usage() + "\n" + c.summary());
            return OK;
        }
        return execute(c, args);
    }

    private int execute(CliCommand c, CliArgs args) {
        boolean json = args.flag("json");
        PrintStream original = System.out;
        System.setOut(err); // library chatter must not spoil the result on stdout
        CliResult result;
        try {
            result = c.run(args, progressPrinter());
        } catch (CliException e) {
            err.println("convbench " + name(c) + ": " + e.getMessage());
            return BAD_INPUT;
        } catch (Exception | Error e) {
            Throwable cause = rootCause(e);
            if (cause instanceof CliException ce) {
                err.println("convbench " + name(c) + ": " + ce.getMessage());
                return BAD_INPUT;
            }
            e.printStackTrace(err);
            err.println("convbench " + name(c) + " failed: " + cause);
            return FAILED;
        } finally {
            System.setOut(original);
        }
        out.println(json ? JSON.toJson(result.json()) : result.text());
        out.flush();
        return OK;
    }

    private CliProgress progressPrinter() {
        return new CliProgress() {
            private long last;

            @Override
            public void report(double fraction, String message) {
                long now = System.nanoTime();
                if (now - last < 200_000_000L && fraction < 1)
                    return; // at most five lines a second
                last = now;
                err.println(fraction >= 0 ? String.format("[%3.0f%%] %s", fraction * 100, message) : message);
            }
        };
    }

    private static Throwable rootCause(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c && !(c instanceof CliException))
            c = c.getCause();
        return c;
    }

    private Optional<CliCommand> find(String area, String action) {
        return commands.get().stream().filter(c -> c.area().equals(area) && c.action().equals(action)).findFirst();
    }

    private static String name(CliCommand c) {
        return c.action().isEmpty() ? c.area() : c.area() + " " + c.action();
    }

    String help() {
        StringBuilder b = new StringBuilder("usage: ./convbench                      start the workbench\n"
                + "       ./convbench <area> <action> [--json] [options]\n\ncommands:\n");
        commands.get().stream().sorted(Comparator.comparing(CliDispatcher::name))
                .forEach(c -> b.append(String.format("  %-18s %s%n", name(c), c.summary())));
        return b.append("\n./convbench <area> <action> --help shows a command's options").toString();
    }

    /** The JSON form of a result, for tests and for the UI's "copy as JSON". */
    public static String toJson(Object value) {
        return JSON.toJson(value);
    }
}
