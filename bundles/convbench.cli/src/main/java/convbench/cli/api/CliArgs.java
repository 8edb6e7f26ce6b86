package convbench.cli.api;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parsed command-line arguments: {@code --name value}, {@code --name=value}, bare flags ({@code --json}) and
 * positional words. Accessors throw {@link CliException} with the option's name when a value is missing or bad.
 */
public final class CliArgs {
    private final Map<String, String> options = new LinkedHashMap<>();
    private final List<String> positional = new ArrayList<>();

    private CliArgs() {
    }

    /** @param flags names that take no value (e.g. {@code json}, {@code help}) */
    public static CliArgs parse(List<String> words, java.util.Set<String> flags) {
        CliArgs a = new CliArgs();
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (w.startsWith("--") && w.length() > 2) {
                String name = w.substring(2);
                int eq = name.indexOf('=');
                if (eq >= 0) {
                    a.options.put(name.substring(0, eq), name.substring(eq + 1));
                } else if (flags.contains(name) || i + 1 >= words.size() || words.get(i + 1).startsWith("--")) {
                    a.options.put(name, "true");
                } else {
                    a.options.put(name, words.get(++i));
                }
            } else {
                a.positional.add(w);
            }
        }
        return a;
    }

    public List<String> positional() {
        return Collections.unmodifiableList(positional);
    }

    public boolean has(String name) {
        return options.containsKey(name);
    }

    public boolean flag(String name) {
        String v = options.get(name);
        return v != null && !v.equalsIgnoreCase("false");
    }

    public String string(String name, String fallback) {
        return options.getOrDefault(name, fallback);
    }

    public String required(String name) throws CliException {
        String v = options.get(name);
        if (v == null || v.equals("true"))
            throw new CliException("missing option --" + name);
        return v;
    }

    public int integer(String name, int fallback) throws CliException {
        String v = options.get(name);
        if (v == null)
            return fallback;
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new CliException("--" + name + " expects a whole number, got '" + v + "'");
        }
    }

    public double number(String name, double fallback) throws CliException {
        String v = options.get(name);
        if (v == null)
            return fallback;
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new CliException("--" + name + " expects a number, got '" + v + "'");
        }
    }

    /** A path option that must name an existing file or folder. */
    public Path existingPath(String name) throws CliException {
        Path p = Path.of(required(name));
        if (!Files.exists(p))
            throw new CliException(p + ": no such file or folder (--" + name + ")");
        return p;
    }

    /** The first positional word, or the option {@code name}: e.g. {@code ct info <folder>}. */
    public Path existingPathOrPositional(String name) throws CliException {
        if (!has(name) && !positional.isEmpty()) {
            Path p = Path.of(positional.get(0));
            if (!Files.exists(p))
                throw new CliException(p + ": no such file or folder");
            return p;
        }
        return existingPath(name);
    }

    public Map<String, String> options() {
        return Collections.unmodifiableMap(options);
    }
}
