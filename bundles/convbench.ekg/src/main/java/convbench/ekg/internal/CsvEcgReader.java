package convbench.ekg.internal;

import convbench.ekg.EcgFormatException;
import convbench.ekg.EcgRecord;
import convbench.ekg.SignalInfo;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CSV traces: a header row, a time column, then one column per lead. Units are given in the header cell
 * ({@code MLII (mV)} or {@code MLII [mV]}) or in a second header row as PhysioNet's export writes it
 * ({@code 'Elapsed time','MLII'} / {@code 'hh:mm:ss.mmm','mV'}). Times are seconds (or ms when the time column's unit
 * says so) or clock times ({@code m:ss.mmm}). Separators: comma, semicolon or tab. Empty, {@code -} or {@code NaN}
 * cells are missing samples.
 */
public final class CsvEcgReader {
    private static final Pattern UNIT = Pattern.compile("(.*?)\\s*[(\\[]([^)\\]]*)[)\\]]\\s*");

    private CsvEcgReader() {
    }

    public static EcgRecord read(Path file) throws IOException {
        List<String[]> rows = new ArrayList<>();
        char sep;
        String[] head;
        String[] units;
        int firstDataLine;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String h = r.readLine();
            if (h == null)
                throw new EcgFormatException(file, "line 1", "empty file: expected a header row");
            sep = h.indexOf('\t') >= 0 ? '\t' : h.indexOf(';') >= 0 ? ';' : ',';
            head = split(h, sep);
            if (head.length < 2)
                throw new EcgFormatException(file, "line 1", "need a time column and at least one lead, found "
                        + head.length + " column(s)");
            units = new String[head.length];
            for (int i = 0; i < head.length; i++) {
                Matcher m = UNIT.matcher(head[i]);
                if (m.matches()) {
                    head[i] = m.group(1);
                    units[i] = m.group(2).trim();
                }
            }
            String line = r.readLine();
            int lineNo = 2;
            firstDataLine = 2;
            if (line != null) {
                String[] second = split(line, sep);
                if (second.length > 1 && !isNumeric(second[1]) && !isMissing(second[1])) {
                    for (int i = 0; i < Math.min(second.length, units.length); i++)
                        units[i] = second[i];
                    line = r.readLine();
                    lineNo = 3;
                    firstDataLine = 3;
                }
            }
            for (; line != null; line = r.readLine(), lineNo++) {
                if (line.isBlank())
                    continue;
                String[] cells = split(line, sep);
                if (cells.length != head.length)
                    throw new EcgFormatException(file, "line " + lineNo, "has " + cells.length + " cells, the header "
                            + head.length);
                rows.add(cells);
            }
        } catch (NoSuchFileException e) {
            throw new EcgFormatException(file, null, "no such file");
        }
        int n = rows.size(), leads = head.length - 1;
        if (n < 2)
            throw new EcgFormatException(file, "line " + (firstDataLine + n), "need at least two samples, found " + n);
        double timeScale = units[0] != null && units[0].equalsIgnoreCase("ms") ? 1e-3 : 1;
        double[] t = new double[n];
        float[][] v = new float[leads][n];
        for (int i = 0; i < n; i++) {
            String[] c = rows.get(i);
            int lineNo = firstDataLine + i; // blank lines are rare enough not to track here
            t[i] = parseTime(file, lineNo, c[0]) * timeScale;
            for (int k = 0; k < leads; k++) {
                String cell = c[k + 1];
                if (isMissing(cell)) {
                    v[k][i] = Float.NaN;
                    continue;
                }
                try {
                    v[k][i] = Float.parseFloat(cell);
                } catch (NumberFormatException e) {
                    throw new EcgFormatException(file, "line " + lineNo + ", column " + (k + 2) + " (" + head[k + 1]
                            + ")", "'" + cell + "' is not a number");
                }
            }
        }
        double fs = (n - 1) / (t[n - 1] - t[0]);
        if (Math.abs(fs - Math.rint(fs)) < 1e-4 * fs)
            fs = Math.rint(fs); // times printed with few decimals: 360.000008 Hz is 360 Hz
        if (!(fs > 0) || Double.isInfinite(fs))
            throw new EcgFormatException(file, "column 1", "time does not increase");
        double dt = 1 / fs;
        for (int i = 1; i < n; i++)
            if (Math.abs(t[i] - t[i - 1] - dt) > 0.5 * dt)
                throw new EcgFormatException(file, "line " + (firstDataLine + i), "samples are not equally spaced: "
                        + "step " + (t[i] - t[i - 1]) + " s, expected " + dt + " s");
        List<SignalInfo> sig = new ArrayList<>();
        for (int k = 0; k < leads; k++)
            sig.add(new SignalInfo(head[k + 1], units[k + 1] == null ? "mV" : units[k + 1], 1, 0));
        String name = file.getFileName().toString().replaceFirst("(?i)\\.csv$", "");
        return new EcgRecord(name, file, fs, sig, v, null, List.of(), null);
    }

    private static double parseTime(Path file, int lineNo, String cell) throws EcgFormatException {
        try {
            if (cell.indexOf(':') < 0)
                return Double.parseDouble(cell);
            double s = 0;
            for (String part : cell.split(":"))
                s = s * 60 + Double.parseDouble(part);
            return s;
        } catch (NumberFormatException e) {
            throw new EcgFormatException(file, "line " + lineNo + ", column 1 (time)", "'" + cell
                    + "' is not a time");
        }
    }

    private static boolean isMissing(String c) {
        return c.isEmpty() || c.equals("-") || c.equalsIgnoreCase("nan");
    }

    private static boolean isNumeric(String c) {
        try {
            Double.parseDouble(c);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Splits a row, trimming cells and dropping single or double quotes around them. */
    private static String[] split(String line, char sep) {
        List<String> out = new ArrayList<>();
        int p = 0;
        while (true) {
            int q = line.indexOf(sep, p);
            String c = (q < 0 ? line.substring(p) : line.substring(p, q)).trim();
            if (c.length() >= 2 && (c.charAt(0) == '\'' || c.charAt(0) == '"') && c.charAt(c.length() - 1) == c.charAt(0))
                c = c.substring(1, c.length() - 1).trim();
            out.add(c);
            if (q < 0)
                break;
            p = q + 1;
        }
        return out.toArray(String[]::new);
    }
}
