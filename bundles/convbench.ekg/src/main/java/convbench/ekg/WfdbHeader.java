package convbench.ekg;

import java.nio.file.Path;
import java.util.List;

/**
 * A parsed WFDB header ({@code .hea}) file.
 *
 * @param file        the header file
 * @param name        record name
 * @param segments    the segment list of a multi-segment record ({@code name/n}), empty for a single-segment one
 * @param fs          sampling frequency in frames per second
 * @param counterFreq counter frequency ({@code fs/counterFreq}), equal to fs when not given
 * @param nSamples    frames per signal, or -1 when the header omits it (taken from the file size then)
 * @param baseTime    base time as written ({@code hh:mm:ss.sss}), or {@code null}
 * @param baseDate    base date as written ({@code dd/mm/yyyy}), or {@code null}
 * @param signals     the signal specifications (for a multi-segment record: empty, see the segments)
 * @param comments    comment lines without the leading {@code #}
 */
public record WfdbHeader(Path file, String name, List<Segment> segments, int nSignals, double fs, double counterFreq,
        long nSamples, String baseTime, String baseDate, List<Signal> signals, List<String> comments) {

    public boolean isMultiSegment() {
        return !segments.isEmpty();
    }

    /** One segment line of a multi-segment header; {@code name} is {@code "~"} for a gap. */
    public record Segment(String name, long nSamples) {
        public boolean isGap() {
            return name.equals("~");
        }
    }

    /**
     * One signal line.
     *
     * @param fileName       signal file name, {@code "~"} for a null signal (layout headers)
     * @param format         storage format (8, 16, 24, 32, 61, 80, 160, 212, 310, 311, 508, 516, 524; 0 = none)
     * @param samplesPerFrame samples of this signal per frame (multi-frequency records)
     * @param skew           frames by which the signal is delayed in the file
     * @param byteOffset     bytes to skip at the start of the file
     * @param gain           ADC units per physical unit (200 when the header gives 0 or nothing)
     * @param baseline       ADC value of physical zero
     * @param units          physical units (mV when not given)
     * @param adcResolution  bits
     * @param adcZero        ADC value of the middle of the input range
     * @param initialValue   value of the first sample (the start value for format 8 differences)
     * @param checksum       16-bit sum of all samples, or {@code null} when the header omits it
     * @param blockSize      block size (0 for ordinary files)
     * @param description    lead name
     */
    public record Signal(String fileName, int format, int samplesPerFrame, int skew, long byteOffset, double gain,
            double baseline, String units, int adcResolution, int adcZero, int initialValue, Integer checksum,
            int blockSize, String description) {
    }
}
