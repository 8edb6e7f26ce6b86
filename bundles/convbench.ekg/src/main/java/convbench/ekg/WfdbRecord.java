package convbench.ekg;

import convbench.ekg.internal.FlacSignalFile;
import convbench.ekg.internal.WfdbDecoder;
import convbench.ekg.internal.WfdbHeaderParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A WFDB record (single- or multi-segment) with random access to its samples, as PhysioNet's {@code rdsamp} reads
 * them. Samples are decoded on first use; a multi-segment record opens only the segments a read touches.
 */
public final class WfdbRecord {
    /** Marks a missing sample (WFDB_INVALID_SAMPLE; also every sample of a gap or of a signal absent from a segment). */
    public static final int INVALID = Integer.MIN_VALUE;

    private final WfdbHeader header;
    private final List<WfdbHeader.Signal> signals;
    private final int maxSpf;
    private final boolean verifyChecksums;
    // single segment, decoded lazily: per signal, all stored samples (unskewed)
    private int[][] stored;
    private long frames = -1;
    // multi-segment
    private final WfdbRecord[] segments; // opened on first read; null for a gap
    private final long[] segmentStart;
    private final boolean variableLayout;

    private WfdbRecord(WfdbHeader header, List<WfdbHeader.Signal> signals, WfdbRecord[] segments, long[] starts,
            boolean variableLayout, boolean verify) {
        this.header = header;
        this.signals = signals;
        this.segments = segments;
        this.segmentStart = starts;
        this.variableLayout = variableLayout;
        this.verifyChecksums = verify;
        int m = 1;
        for (WfdbHeader.Signal s : signals)
            m = Math.max(m, s.samplesPerFrame());
        this.maxSpf = m;
        if (segments != null)
            frames = header.nSamples();
    }

    /** Opens the record whose header is {@code headerFile}; checksums are verified when samples are decoded. */
    public static WfdbRecord open(Path headerFile) throws IOException {
        return open(headerFile, true);
    }

    public static WfdbRecord open(Path headerFile, boolean verifyChecksums) throws IOException {
        WfdbHeader h = WfdbHeaderParser.parse(headerFile);
        if (!h.isMultiSegment()) {
            for (int i = 0; i < h.signals().size(); i++) {
                int f = h.signals().get(i).format();
                if (f != 0 && !WfdbDecoder.isSupported(f))
                    throw new EcgFormatException(headerFile, "signal " + i + " '" + h.signals().get(i).description()
                            + "'", "unknown WFDB signal format " + f);
            }
            return new WfdbRecord(h, h.signals(), null, null, false, verifyChecksums);
        }
        Path dir = headerFile.toAbsolutePath().getParent();
        int n = h.segments().size();
        WfdbRecord[] segs = new WfdbRecord[n];
        long[] starts = new long[n + 1];
        List<WfdbHeader.Signal> layout = null;
        boolean variable = false;
        long t = 0;
        for (int i = 0; i < n; i++) {
            WfdbHeader.Segment s = h.segments().get(i);
            starts[i] = t;
            // only the layout (or first) segment is opened now: a long record's others may be absent locally
            if (!s.isGap() && layout == null) {
                segs[i] = open(dir.resolve(s.name() + ".hea"), verifyChecksums);
                layout = segs[i].signals;
                variable = i == 0 && s.nSamples() == 0; // a zero-length first segment is a variable layout
            }
            t += s.nSamples();
        }
        starts[n] = t;
        if (layout == null)
            throw new EcgFormatException(headerFile, null, "multi-segment record has no segment with signals");
        if (h.nSamples() >= 0 && h.nSamples() != t)
            throw new EcgFormatException(headerFile, "record line", "header says " + h.nSamples()
                    + " samples but its segments add up to " + t);
        WfdbHeader full = new WfdbHeader(h.file(), h.name(), h.segments(), layout.size(), h.fs(), h.counterFreq(), t,
                h.baseTime(), h.baseDate(), h.signals(), h.comments());
        return new WfdbRecord(full, layout, segs, starts, variable, verifyChecksums);
    }

    public WfdbHeader header() {
        return header;
    }

    public String name() {
        return header.name();
    }

    /** Frames per second. */
    public double fs() {
        return header.fs();
    }

    /** The signals (for a multi-segment record, those of its layout or first segment). */
    public List<WfdbHeader.Signal> signals() {
        return signals;
    }

    /** The largest samples-per-frame: the factor of high-resolution reads. */
    public int maxSamplesPerFrame() {
        return maxSpf;
    }

    /** Frames that can be read (the header's count, less the largest skew as in WFDB). */
    public long frames() throws IOException {
        if (frames < 0)
            load();
        return frames;
    }

    /** Physical value of an ADC sample of signal {@code sig}; NaN for {@link #INVALID}. */
    public double toPhysical(int sig, int adc) {
        if (adc == INVALID)
            return Double.NaN;
        WfdbHeader.Signal s = signals.get(sig);
        return (adc - s.baseline()) / s.gain();
    }

    /**
     * Reads frames {@code [from, to)} of all signals. Without {@code highRes} a signal with several samples per
     * frame is given as their mean (as {@code rdsamp}); with it every signal is given at
     * {@link #maxSamplesPerFrame()} times the frame rate, slower signals repeated.
     *
     * @return {@code [signal][row]}
     */
    public int[][] read(long from, long to, boolean highRes) throws IOException {
        long n = frames();
        if (from < 0 || to > n || from > to)
            throw new EcgFormatException(header.file(), "samples " + from + ".." + to,
                    "outside the record, which has " + n + " samples");
        int rows = Math.toIntExact((to - from) * (highRes ? maxSpf : 1));
        int[][] out = new int[signals.size()][rows];
        if (segments == null) {
            readSingle(from, to, highRes, out, 0);
        } else {
            readSegments(from, to, highRes, out);
        }
        return out;
    }

    private void readSingle(long from, long to, boolean highRes, int[][] out, int rowOff) throws IOException {
        load();
        for (int s = 0; s < signals.size(); s++) {
            WfdbHeader.Signal sig = signals.get(s);
            int spf = sig.samplesPerFrame();
            int[] src = stored[s];
            int[] dst = out[s];
            int r = rowOff;
            for (long t = from; t < to; t++) {
                int base = (int) ((t + sig.skew()) * spf);
                if (src == null) {
                    for (int k = 0; k < (highRes ? maxSpf : 1); k++)
                        dst[r++] = INVALID;
                } else if (highRes) {
                    for (int k = 0; k < maxSpf; k++)
                        dst[r++] = src[base + k * spf / maxSpf];
                } else if (spf == 1) {
                    dst[r++] = src[base];
                } else {
                    dst[r++] = mean(src, base, spf);
                }
            }
        }
    }

    /** Mean of a frame's samples, truncated toward zero as WFDB's getvec does; invalid when any sample is. */
    private static int mean(int[] src, int base, int spf) {
        long sum = 0;
        for (int k = 0; k < spf; k++) {
            int v = src[base + k];
            if (v == INVALID)
                return INVALID;
            sum += v;
        }
        return (int) (sum / spf);
    }

    private void readSegments(long from, long to, boolean highRes, int[][] out) throws IOException {
        int f = highRes ? maxSpf : 1;
        for (int i = 0; i < segments.length; i++) {
            long a = Math.max(from, segmentStart[i]), b = Math.min(to, segmentStart[i + 1]);
            if (a >= b)
                continue;
            int row0 = (int) ((a - from) * f), rowN = (int) ((b - from) * f);
            WfdbHeader.Segment sh = header.segments().get(i);
            if (!sh.isGap() && segments[i] == null)
                segments[i] = open(header.file().toAbsolutePath().getParent().resolve(sh.name() + ".hea"),
                        verifyChecksums);
            WfdbRecord seg = segments[i];
            if (seg == null || (variableLayout && i == 0)) {
                for (int[] o : out)
                    java.util.Arrays.fill(o, row0, rowN, INVALID);
                continue;
            }
            int[][] part = seg.read(a - segmentStart[i], b - segmentStart[i], highRes);
            for (int s = 0; s < signals.size(); s++) {
                int src = variableLayout ? seg.indexOf(signals.get(s).description()) : s;
                if (src < 0 || src >= part.length) {
                    java.util.Arrays.fill(out[s], row0, rowN, INVALID);
                    continue;
                }
                WfdbHeader.Signal ls = signals.get(s), ss = seg.signals.get(src);
                boolean rescale = ls.gain() != ss.gain() || ls.baseline() != ss.baseline();
                for (int r = row0, k = 0; r < rowN; r++, k++) {
                    int v = part[src][k];
                    // a variable layout's segments may use other gains: express samples in the layout's units
                    out[s][r] = v == INVALID || !rescale ? v
                            : (int) Math.round((v - ss.baseline()) * ls.gain() / ss.gain() + ls.baseline());
                }
            }
        }
    }

    private int indexOf(String description) {
        for (int i = 0; i < signals.size(); i++)
            if (signals.get(i).description().equals(description))
                return i;
        return -1;
    }

    /** Decodes every signal file of a single-segment record. */
    private synchronized void load() throws IOException {
        if (stored != null || segments != null)
            return;
        Path dir = header.file().toAbsolutePath().getParent();
        Map<String, List<Integer>> byFile = new LinkedHashMap<>();
        for (int s = 0; s < signals.size(); s++)
            if (!signals.get(s).fileName().equals("~") && signals.get(s).format() != 0)
                byFile.computeIfAbsent(signals.get(s).fileName(), k -> new ArrayList<>()).add(s);
        int[][] data = new int[signals.size()][];
        long nsamp = header.nSamples();
        long available = Long.MAX_VALUE;
        for (Map.Entry<String, List<Integer>> e : byFile.entrySet()) {
            List<Integer> group = e.getValue();
            Path file = dir.resolve(e.getKey());
            WfdbHeader.Signal first = signals.get(group.get(0));
            int format = first.format();
            int frameSize = 0;
            for (int s : group) {
                if (signals.get(s).format() != format)
                    throw new EcgFormatException(header.file(), "signal " + s, "signals in " + e.getKey()
                            + " use different formats (" + format + " and " + signals.get(s).format() + ")");
                frameSize += signals.get(s).samplesPerFrame();
            }
            int[] slot = new int[frameSize];
            int[] init = new int[group.size()];
            for (int g = 0, k = 0; g < group.size(); g++) {
                WfdbHeader.Signal sg = signals.get(group.get(g));
                init[g] = sg.initialValue();
                for (int j = 0; j < sg.samplesPerFrame(); j++)
                    slot[k++] = g;
            }
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(file);
            } catch (NoSuchFileException ex) {
                throw new EcgFormatException(file, null, "signal file named by header " + header.file().getFileName()
                        + " not found");
            }
            long off = first.byteOffset();
            if (off > bytes.length)
                throw new EcgFormatException(file, "byte " + off, "byte offset " + off + " lies beyond the end of the "
                        + bytes.length + "-byte file");
            int[] samples;
            long fileFrames;
            if (format == 508 || format == 516 || format == 524) {
                samples = FlacSignalFile.decode(file, bytes, (int) off, group.size(), frameSize, slot);
                fileFrames = samples.length / frameSize;
            } else {
                long cap = WfdbDecoder.capacity(format, bytes.length - off);
                fileFrames = cap / frameSize;
                long need = nsamp >= 0 ? nsamp : fileFrames;
                if (fileFrames < need)
                    throw new EcgFormatException(file, "byte " + bytes.length, "truncated: header "
                            + header.file().getFileName() + " says " + nsamp + " samples per signal, but the "
                            + bytes.length + "-byte file (format " + format + ", " + frameSize
                            + " samples per frame) holds only " + fileFrames + "; it ends at sample " + fileFrames);
                fileFrames = need;
                samples = WfdbDecoder.decode(file, format, bytes, (int) off, Math.toIntExact(need * frameSize), slot,
                        init);
            }
            if (nsamp >= 0 && fileFrames < nsamp)
                throw new EcgFormatException(file, "sample " + fileFrames, "truncated: header says " + nsamp
                        + " samples per signal, the file holds " + fileFrames);
            long keep = nsamp >= 0 ? nsamp : fileFrames;
            for (int g = 0, k0 = 0; g < group.size(); g++) {
                int s = group.get(g);
                WfdbHeader.Signal sg = signals.get(s);
                int spf = sg.samplesPerFrame();
                int[] d = new int[Math.toIntExact(keep * spf)];
                for (long t = 0, j = 0; t < keep; t++) {
                    int base = (int) (t * frameSize + k0);
                    for (int k = 0; k < spf; k++)
                        d[(int) j++] = samples[base + k];
                }
                k0 += spf;
                data[s] = d;
                if (verifyChecksums && sg.checksum() != null)
                    checkSum(file, s, sg, d);
                available = Math.min(available, keep - sg.skew());
            }
        }
        if (available == Long.MAX_VALUE)
            available = Math.max(0, nsamp);
        stored = data;
        frames = Math.max(0, available);
    }

    private void checkSum(Path file, int s, WfdbHeader.Signal sg, int[] d) throws EcgFormatException {
        int code = WfdbDecoder.invalidCode(sg.format());
        int sum = 0;
        for (int v : d)
            sum += v == INVALID ? code : v;
        if ((sum & 0xffff) != (sg.checksum() & 0xffff))
            throw new EcgFormatException(file, "signal " + s + " '" + sg.description() + "', samples 0.."
                    + (d.length - 1), "checksum mismatch: header " + header.file().getFileName() + " says "
                    + sg.checksum() + ", the samples sum to " + (short) sum + " (mod 65536)");
    }
}
