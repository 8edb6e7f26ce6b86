package convbench.dicom.api;

import java.util.List;

/**
 * One multiplex group of a DICOM waveform (an item of the WaveformSequence, PS3.3 C.10.9): channels sampled together
 * at one frequency, e.g. the 10 s rhythm strip of a 12-lead ECG, or its median beats in a second group.
 *
 * @param index                0-based position in the WaveformSequence
 * @param originality          WaveformOriginality: ORIGINAL or DERIVED (e.g. averaged beats)
 * @param label                MultiplexGroupLabel, or null
 * @param samplingFrequency    Hz
 * @param bitsAllocated        WaveformBitsAllocated: 8 or 16
 * @param sampleInterpretation WaveformSampleInterpretation: SS, US (16 bit), SB, UB (8 bit), MB (mu-law), AB (A-law)
 * @param samples              raw values, {@code [channel][sample]} (mu-law and A-law bytes are left encoded)
 */
public record Waveform(int index, String originality, String label, double samplingFrequency, int bitsAllocated,
        String sampleInterpretation, List<WaveformChannel> channels, int[][] samples) {
    public int channelCount() {
        return channels.size();
    }

    public int sampleCount() {
        return samples.length == 0 ? 0 : samples[0].length;
    }

    public double durationSeconds() {
        return sampleCount() / samplingFrequency;
    }

    /**
     * The values of a channel in its sensitivity units: (raw + ChannelBaseline) x ChannelSensitivity x
     * ChannelSensitivityCorrectionFactor, as pydicom's waveform handler computes them.
     */
    public double[] physical(int channel) {
        WaveformChannel c = channels.get(channel);
        int[] raw = samples[channel];
        double scale = c.sensitivity() * c.correctionFactor();
        double[] out = new double[raw.length];
        for (int i = 0; i < raw.length; i++)
            out[i] = (raw[i] + c.baseline()) * scale;
        return out;
    }
}
