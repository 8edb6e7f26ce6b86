package convbench.ekg.internal;

import convbench.ekg.EcgFormatException;
import convbench.ekg.WfdbHeader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses WFDB header files (see PhysioNet's header(5) manual page). */
public final class WfdbHeaderParser {
    private static final Pattern FS = Pattern.compile("([-+0-9.eE]+)(?:/([-+0-9.eE]+)(?:\\(([-+0-9.eE]+)\\))?)?");
    private static final Pattern FORMAT = Pattern.compile("(\\d+)(?:x(\\d+))?(?::(\\d+))?(?:\\+(\\d+))?");
    private static final Pattern GAIN = Pattern.compile("([-+0-9.eE]+)(?:\\(([-+0-9]+)\\))?(?:/(.*))?");

    private WfdbHeaderParser() {
    }

    public static WfdbHeader parse(Path file) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new EcgFormatException(file, null, "header file not found");
        }
        return parse(file, decode(bytes));
    }

    /** UTF-8 where valid; older headers carry Latin-1 unit names (e.g. a micro sign). */
    private static String decode(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }

    public static WfdbHeader parse(Path file, String text) throws EcgFormatException {
        String[] lines = text.split("\r?\n|\r", -1);
        List<String> comments = new ArrayList<>();
        int i = 0;
        String recordLine = null;
        int recordLineNo = 0;
        for (; i < lines.length; i++) {
            String t = lines[i].trim();
            if (t.startsWith("#")) {
                comments.add(t.substring(1).trim());
            } else if (!t.isEmpty()) {
                recordLine = t;
                recordLineNo = i + 1;
                i++;
                break;
            }
        }
        if (recordLine == null)
            throw new EcgFormatException(file, null, "empty header: no record line");
        String where = "line " + recordLineNo;
        String[] f = recordLine.split("\\s+");
        String name = f[0];
        int nseg = 0;
        int slash = name.indexOf('/');
        if (slash >= 0) {
            nseg = parseInt(file, where, name.substring(slash + 1), "number of segments");
            name = name.substring(0, slash);
        }
        if (f.length < 2)
            throw new EcgFormatException(file, where, "record line has no signal count: '" + recordLine + "'");
        int nsig = parseInt(file, where, f[1], "number of signals");
        double fs = 250, counter;
        if (f.length > 2) {
            Matcher m = FS.matcher(f[2]);
            if (!m.matches())
                throw new EcgFormatException(file, where, "bad sampling frequency '" + f[2] + "'");
            fs = Double.parseDouble(m.group(1));
            counter = m.group(2) != null ? Double.parseDouble(m.group(2)) : fs;
        } else {
            counter = fs;
        }
        if (!(fs > 0))
            throw new EcgFormatException(file, where, "sampling frequency must be positive, got " + f[2]);
        long nsamp = f.length > 3 ? parseLong(file, where, f[3], "number of samples") : -1;
        String baseTime = f.length > 4 ? f[4] : null;
        String baseDate = f.length > 5 ? f[5] : null;

        List<WfdbHeader.Segment> segments = new ArrayList<>();
        List<WfdbHeader.Signal> signals = new ArrayList<>();
        int want = nseg > 0 ? nseg : nsig;
        for (; i < lines.length && (segments.size() + signals.size()) < want; i++) {
            String t = lines[i].trim();
            if (t.isEmpty())
                continue;
            if (t.startsWith("#")) {
                comments.add(t.substring(1).trim());
                continue;
            }
            where = "line " + (i + 1);
            if (nseg > 0) {
                String[] s = t.split("\\s+");
                if (s.length < 2)
                    throw new EcgFormatException(file, where, "segment line needs a name and a length: '" + t + "'");
                segments.add(new WfdbHeader.Segment(s[0], parseLong(file, where, s[1], "segment length")));
            } else {
                signals.add(parseSignal(file, where, t));
            }
        }
        if (segments.size() + signals.size() < want)
            throw new EcgFormatException(file, "line " + lines.length, "header announces " + want
                    + (nseg > 0 ? " segments" : " signals") + " but lists only " + (segments.size() + signals.size()));
        for (; i < lines.length; i++) {
            String t = lines[i].trim();
            if (t.startsWith("#"))
                comments.add(t.substring(1).trim());
        }
        return new WfdbHeader(file, name, List.copyOf(segments), nsig, fs, counter, nsamp, baseTime, baseDate,
                List.copyOf(signals), List.copyOf(comments));
    }

    private static WfdbHeader.Signal parseSignal(Path file, String where, String line) throws EcgFormatException {
        String[] s = line.split("\\s+", 9);
        if (s.length < 2)
            throw new EcgFormatException(file, where, "signal line needs a file name and a format: '" + line + "'");
        Matcher fm = FORMAT.matcher(s[1]);
        if (!fm.matches())
            throw new EcgFormatException(file, where, "bad format field '" + s[1] + "'");
        int format = Integer.parseInt(fm.group(1));
        int spf = fm.group(2) != null ? Integer.parseInt(fm.group(2)) : 1;
        int skew = fm.group(3) != null ? Integer.parseInt(fm.group(3)) : 0;
        long offset = fm.group(4) != null ? Long.parseLong(fm.group(4)) : 0;
        if (spf < 1)
            throw new EcgFormatException(file, where, "samples per frame must be >= 1 in '" + s[1] + "'");
        double gain = 0;
        Integer baseline = null;
        String units = "mV";
        if (s.length > 2) {
            Matcher gm = GAIN.matcher(s[2]);
            if (!gm.matches())
                throw new EcgFormatException(file, where, "bad gain field '" + s[2] + "'");
            try {
                gain = Double.parseDouble(gm.group(1));
            } catch (NumberFormatException e) {
                throw new EcgFormatException(file, where, "bad gain '" + gm.group(1) + "'");
            }
            if (gm.group(2) != null)
                baseline = parseInt(file, where, gm.group(2), "baseline");
            if (gm.group(3) != null && !gm.group(3).isEmpty())
                units = gm.group(3);
        }
        if (gain == 0)
            gain = 200; // WFDB_DEFGAIN: an uncalibrated signal
        int adcres = s.length > 3 ? parseInt(file, where, s[3], "ADC resolution") : 0;
        if (adcres == 0)
            adcres = defaultResolution(format);
        int adczero = s.length > 4 ? parseInt(file, where, s[4], "ADC zero") : 0;
        int init = s.length > 5 ? parseInt(file, where, s[5], "initial value") : adczero;
        Integer checksum = s.length > 6 ? parseInt(file, where, s[6], "checksum") : null;
        int block = s.length > 7 ? parseInt(file, where, s[7], "block size") : 0;
        String desc = s.length > 8 ? s[8].trim() : "";
        return new WfdbHeader.Signal(s[0], format, spf, skew, offset, gain, baseline != null ? baseline : adczero,
                units, adcres, adczero, init, checksum, block, desc);
    }

    static int defaultResolution(int format) {
        return switch (format) {
            case 8, 80, 508 -> 8;
            case 212 -> 12;
            case 310, 311 -> 10;
            case 24, 524 -> 24;
            case 32 -> 32;
            default -> 16;
        };
    }

    private static int parseInt(Path file, String where, String v, String what) throws EcgFormatException {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new EcgFormatException(file, where, "bad " + what + " '" + v + "'");
        }
    }

    private static long parseLong(Path file, String where, String v, String what) throws EcgFormatException {
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new EcgFormatException(file, where, "bad " + what + " '" + v + "'");
        }
    }
}
