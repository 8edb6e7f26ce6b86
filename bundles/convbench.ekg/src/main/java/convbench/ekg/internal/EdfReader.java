package convbench.ekg.internal;

import convbench.ekg.Annotation;
import convbench.ekg.AnnotationCodes;
import convbench.ekg.EcgFormatException;
import convbench.ekg.EcgRecord;
import convbench.ekg.SignalInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * EDF and EDF+ (Kemp et al. 1992/2003): 16-bit signals and the "EDF Annotations" channel (time-stamped annotation
 * lists). Signals of lower rate are repeated up to the highest rate so that the record is equally sampled; the
 * records of an EDF+D (discontinuous) file are laid end to end.
 */
public final class EdfReader {
    private EdfReader() {
    }

    /** What the header says about one signal. */
    public record EdfSignal(String label, String transducer, String units, double physMin, double physMax,
            int digMin, int digMax, String prefilter, int samplesPerRecord) {
        public boolean isAnnotations() {
            return label.equals("EDF Annotations");
        }
    }

    public static EcgRecord read(Path file) throws IOException {
        byte[] b;
        try {
            b = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new EcgFormatException(file, null, "no such file");
        }
        if (b.length < 256)
            throw new EcgFormatException(file, "byte " + b.length, "file too short for an EDF header (256 bytes)");
        Cursor c = new Cursor(file, b);
        String version = c.field(8, "version");
        if (!version.equals("0"))
            throw new EcgFormatException(file, "byte 0", "not an EDF file: version field is '" + version + "'");
        c.field(80, "patient");
        c.field(80, "recording");
        String date = c.field(8, "start date");
        String time = c.field(8, "start time");
        int headerBytes = c.integer(8, "header size");
        String reserved = c.field(44, "reserved");
        int nrec = c.integer(8, "number of data records");
        double duration = c.number(8, "record duration");
        int ns = c.integer(4, "number of signals");
        if (ns < 0 || headerBytes != 256 * (ns + 1))
            throw new EcgFormatException(file, "byte 184", "header size " + headerBytes + " does not match " + ns
                    + " signals (expected " + 256 * (ns + 1) + ")");
        if (b.length < headerBytes)
            throw new EcgFormatException(file, "byte " + b.length, "file ends inside the " + headerBytes
                    + "-byte header");
        String[] label = c.fields(ns, 16, "label"), trans = c.fields(ns, 80, "transducer"),
                dim = c.fields(ns, 8, "physical dimension");
        double[] pmin = c.numbers(ns, "physical minimum"), pmax = c.numbers(ns, "physical maximum");
        int[] dmin = c.integers(ns, "digital minimum"), dmax = c.integers(ns, "digital maximum");
        String[] pre = c.fields(ns, 80, "prefiltering");
        int[] spr = c.integers(ns, "samples per record");
        List<EdfSignal> sigs = new ArrayList<>();
        long recordBytes = 0;
        for (int s = 0; s < ns; s++) {
            sigs.add(new EdfSignal(label[s], trans[s], dim[s], pmin[s], pmax[s], dmin[s], dmax[s], pre[s], spr[s]));
            recordBytes += 2L * spr[s];
        }
        long dataBytes = b.length - (long) headerBytes;
        if (nrec < 0)
            nrec = (int) (dataBytes / Math.max(1, recordBytes)); // -1: unknown (recording still open)
        if (dataBytes < nrec * recordBytes)
            throw new EcgFormatException(file, "byte " + b.length, "truncated: header says " + nrec
                    + " data records of " + recordBytes + " bytes (" + (headerBytes + nrec * recordBytes)
                    + " bytes in all), the file has " + b.length + " bytes; record " + dataBytes / recordBytes
                    + " is incomplete");
        boolean plus = reserved.startsWith("EDF+");
        int maxSpr = 0, ordinary = 0;
        for (EdfSignal s : sigs)
            if (!(plus && s.isAnnotations())) {
                maxSpr = Math.max(maxSpr, s.samplesPerRecord());
                ordinary++;
            }
        // annotation-only files have no sample clock: annotations then count milliseconds
        double fs = maxSpr > 0 && duration > 0 ? maxSpr / duration : 1000;
        int n = Math.toIntExact((long) nrec * maxSpr);
        float[][] phys = new float[ordinary][n];
        int[][] adc = new int[ordinary][n];
        List<SignalInfo> infos = new ArrayList<>();
        List<Annotation> ann = new ArrayList<>();
        int[] out = new int[ns];
        for (int s = 0, o = 0; s < ns; s++) {
            if (plus && sigs.get(s).isAnnotations()) {
                out[s] = -1;
                continue;
            }
            out[s] = o++;
            EdfSignal e = sigs.get(s);
            if (e.digMax() <= e.digMin() || e.physMax() == e.physMin())
                throw new EcgFormatException(file, "signal " + s + " '" + e.label() + "'", "digital range "
                        + e.digMin() + ".." + e.digMax() + " / physical range " + e.physMin() + ".." + e.physMax()
                        + " cannot be scaled");
            double gain = (e.digMax() - e.digMin()) / (e.physMax() - e.physMin());
            infos.add(new SignalInfo(e.label(), e.units(), gain, e.digMin() - e.physMin() * gain));
        }
        int p = headerBytes;
        for (int r = 0; r < nrec; r++) {
            for (int s = 0; s < ns; s++) {
                int k = spr[s];
                if (out[s] < 0) {
                    parseTal(file, b, p, 2 * k, r, fs, ann);
                } else {
                    int o = out[s];
                    SignalInfo si = infos.get(o);
                    float g = (float) si.gain(), base = (float) si.baseline();
                    int[] a = adc[o];
                    float[] ph = phys[o];
                    int i0 = r * maxSpr;
                    for (int i = 0; i < maxSpr; i++) {
                        int q = p + 2 * (int) ((long) i * k / maxSpr);
                        int v = (short) ((b[q] & 0xff) | (b[q + 1] << 8));
                        a[i0 + i] = v;
                        ph[i0 + i] = (v - base) / g;
                    }
                }
                p += 2 * k;
            }
        }
        String name = file.getFileName().toString().replaceFirst("(?i)\\.edf$", "");
        return new EcgRecord(name, file, fs, infos, phys, adc, ann, date + " " + time);
    }

    /** Time-stamped annotation lists: +onset[\x15duration]\x14text\x14...\x14\0; the first of a record keeps time. */
    private static void parseTal(Path file, byte[] b, int off, int len, int rec, double fs, List<Annotation> ann)
            throws EcgFormatException {
        int end = off + len, p = off;
        while (p < end) {
            int q = p;
            while (q < end && b[q] != 0)
                q++;
            if (q > p) { // each TAL ends with a NUL; NULs also pad the rest of the channel
                String[] parts = new String(b, p, q - p, StandardCharsets.UTF_8).split("\u0014", -1);
                String head = parts[0];
                int dur = head.indexOf('\u0015');
                String onset = dur >= 0 ? head.substring(0, dur) : head;
                double t;
                try {
                    t = Double.parseDouble(onset);
                } catch (NumberFormatException e) {
                    throw new EcgFormatException(file, "data record " + rec + ", byte " + p,
                            "bad annotation onset '" + onset + "'");
                }
                String duration = dur >= 0 ? head.substring(dur + 1) : null;
                for (int i = 1; i < parts.length; i++)
                    if (!parts[i].isEmpty()) // an empty first text is the record's time-keeping TAL
                        ann.add(new Annotation(Math.round(t * fs), AnnotationCodes.NOTE, 0, 0, 0,
                                duration == null ? parts[i] : parts[i] + " (" + duration + " s)"));
            }
            p = q + 1;
        }
    }

    private static final class Cursor {
        final Path file;
        final byte[] b;
        int p;

        Cursor(Path file, byte[] b) {
            this.file = file;
            this.b = b;
        }

        String field(int n, String what) throws EcgFormatException {
            if (p + n > b.length)
                throw new EcgFormatException(file, "byte " + p, "file ends inside the header field '" + what + "'");
            String s = new String(b, p, n, StandardCharsets.US_ASCII).trim();
            p += n;
            return s;
        }

        int integer(int n, String what) throws EcgFormatException {
            int at = p;
            String s = field(n, what);
            try {
                return Integer.parseInt(s);
            } catch (NumberFormatException e) {
                throw new EcgFormatException(file, "byte " + at, "header field '" + what + "' is not a whole number: '"
                        + s + "'");
            }
        }

        double number(int n, String what) throws EcgFormatException {
            int at = p;
            String s = field(n, what);
            try {
                return Double.parseDouble(s);
            } catch (NumberFormatException e) {
                throw new EcgFormatException(file, "byte " + at, "header field '" + what + "' is not a number: '"
                        + s + "'");
            }
        }

        String[] fields(int ns, int n, String what) throws EcgFormatException {
            String[] r = new String[ns];
            for (int i = 0; i < ns; i++)
                r[i] = field(n, what + " of signal " + i);
            return r;
        }

        double[] numbers(int ns, String what) throws EcgFormatException {
            double[] r = new double[ns];
            for (int i = 0; i < ns; i++)
                r[i] = number(8, what + " of signal " + i);
            return r;
        }

        int[] integers(int ns, String what) throws EcgFormatException {
            int[] r = new int[ns];
            for (int i = 0; i < ns; i++)
                r[i] = integer(8, what + " of signal " + i);
            return r;
        }
    }
}
