package convbench.dicom.pixelmed;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.OtherWordAttribute;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TransferSyntax;

import convbench.dicom.api.DicomReadException;
import convbench.dicom.api.Waveform;
import convbench.dicom.api.WaveformChannel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The WaveformSequence of a PixelMed AttributeList as {@link Waveform}s (PS3.3 C.10.9 Waveform module). */
final class PixelMedWaveforms {
    static final AttributeTag WAVEFORM_SEQUENCE = new AttributeTag(0x5400, 0x0100);
    private static final AttributeTag ORIGINALITY = new AttributeTag(0x003A, 0x0004),
            CHANNELS = new AttributeTag(0x003A, 0x0005), SAMPLES = new AttributeTag(0x003A, 0x0010),
            FREQUENCY = new AttributeTag(0x003A, 0x001A), GROUP_LABEL = new AttributeTag(0x003A, 0x0020),
            CHANNEL_DEFINITIONS = new AttributeTag(0x003A, 0x0200), CHANNEL_NUMBER = new AttributeTag(0x003A, 0x0202),
            CHANNEL_LABEL = new AttributeTag(0x003A, 0x0203), CHANNEL_SOURCE = new AttributeTag(0x003A, 0x0208),
            SENSITIVITY = new AttributeTag(0x003A, 0x0210), SENSITIVITY_UNITS = new AttributeTag(0x003A, 0x0211),
            CORRECTION = new AttributeTag(0x003A, 0x0212), BASELINE = new AttributeTag(0x003A, 0x0213),
            TIME_SKEW = new AttributeTag(0x003A, 0x0214), BITS_STORED = new AttributeTag(0x003A, 0x021A),
            LOW = new AttributeTag(0x003A, 0x0220), HIGH = new AttributeTag(0x003A, 0x0221),
            NOTCH = new AttributeTag(0x003A, 0x0222), BITS_ALLOCATED = new AttributeTag(0x5400, 0x1004),
            INTERPRETATION = new AttributeTag(0x5400, 0x1006), DATA = new AttributeTag(0x5400, 0x1010),
            CODE_VALUE = new AttributeTag(0x0008, 0x0100), CODING_SCHEME = new AttributeTag(0x0008, 0x0102),
            CODE_MEANING = new AttributeTag(0x0008, 0x0104);

    private PixelMedWaveforms() {
    }

    static List<Waveform> read(Path source, AttributeList list, String transferSyntax) throws DicomReadException {
        Attribute a = list.get(WAVEFORM_SEQUENCE);
        if (!(a instanceof SequenceAttribute seq))
            return List.of();
        List<Waveform> out = new ArrayList<>();
        for (int g = 0; g < seq.getNumberOfItems(); g++)
            out.add(group(source, g, seq.getItem(g).getAttributeList(), transferSyntax));
        return out;
    }

    private static Waveform group(Path source, int g, AttributeList item, String ts) throws DicomReadException {
        String where = "WaveformSequence item " + (g + 1);
        int channels = required(source, where, item, CHANNELS, "NumberOfWaveformChannels");
        int samples = required(source, where, item, SAMPLES, "NumberOfWaveformSamples");
        int bits = required(source, where, item, BITS_ALLOCATED, "WaveformBitsAllocated");
        double fs = Attribute.getSingleDoubleValueOrDefault(item, FREQUENCY, Double.NaN);
        if (!(fs > 0))
            throw new DicomReadException(source, where + ": SamplingFrequency missing or not positive");
        String interpretation = Attribute.getSingleStringValueOrNull(item, INTERPRETATION);
        if (interpretation == null)
            throw new DicomReadException(source, where + ": WaveformSampleInterpretation missing");
        interpretation = interpretation.trim();
        boolean wide = bits == 16;
        if (!(wide && (interpretation.equals("SS") || interpretation.equals("US")))
                && !(bits == 8 && List.of("SB", "UB", "MB", "AB").contains(interpretation)))
            throw new DicomReadException(source, where + ": WaveformBitsAllocated " + bits + " with WaveformSampleInterpretation "
                    + interpretation + " is not a combination of PS3.3 C.10.9.1.5 (16: SS, US; 8: SB, UB, MB, AB)");
        Attribute data = item.get(DATA);
        if (data == null)
            throw new DicomReadException(source, where + ": WaveformData missing");
        int[][] values = new int[channels][samples];
        long needed = (long) channels * samples;
        try {
            if (wide) {
                short[] s = shorts(data, ts);
                check(source, where, s.length, needed);
                boolean unsigned = interpretation.equals("US");
                for (int i = 0, k = 0; i < samples; i++) // multiplexed: all channels of sample 0, then of sample 1 ...
                    for (int c = 0; c < channels; c++, k++)
                        values[c][i] = unsigned ? s[k] & 0xFFFF : s[k];
            } else {
                byte[] b = data.getByteValues();
                check(source, where, b == null ? 0 : b.length, needed);
                boolean signed = interpretation.equals("SB");
                for (int i = 0, k = 0; i < samples; i++)
                    for (int c = 0; c < channels; c++, k++)
                        values[c][i] = signed ? b[k] : b[k] & 0xFF;
            }
        } catch (DicomException e) {
            throw new DicomReadException(source, where + ": WaveformData unreadable: " + e.getMessage());
        }
        List<WaveformChannel> defs = channels(source, where, item, channels);
        return new Waveform(g, Attribute.getSingleStringValueOrNull(item, ORIGINALITY),
                Attribute.getSingleStringValueOrNull(item, GROUP_LABEL), fs, bits, interpretation, defs, values);
    }

    /** 16-bit samples in file order: PixelMed swaps OW for big-endian files; OB (implicit VR) is rebuilt from bytes. */
    private static short[] shorts(Attribute data, String ts) throws DicomException {
        if (data instanceof OtherWordAttribute)
            return data.getShortValues();
        byte[] b = data.getByteValues();
        boolean big = TransferSyntax.ExplicitVRBigEndian.equals(ts);
        short[] s = new short[b.length / 2];
        for (int i = 0; i < s.length; i++)
            s[i] = big ? (short) ((b[2 * i] << 8) | (b[2 * i + 1] & 0xFF)) : (short) ((b[2 * i + 1] << 8) | (b[2 * i] & 0xFF));
        return s;
    }

    private static List<WaveformChannel> channels(Path source, String where, AttributeList item, int channels)
            throws DicomReadException {
        Attribute a = item.get(CHANNEL_DEFINITIONS);
        if (!(a instanceof SequenceAttribute seq) || seq.getNumberOfItems() != channels)
            throw new DicomReadException(source, where + ": ChannelDefinitionSequence has "
                    + (a instanceof SequenceAttribute s ? s.getNumberOfItems() : 0) + " items for " + channels + " channels");
        List<WaveformChannel> out = new ArrayList<>(channels);
        for (int c = 0; c < channels; c++) {
            AttributeList ch = seq.getItem(c).getAttributeList();
            AttributeList src = firstItem(ch, CHANNEL_SOURCE), units = firstItem(ch, SENSITIVITY_UNITS);
            out.add(new WaveformChannel(Attribute.getSingleIntegerValueOrDefault(ch, CHANNEL_NUMBER, c + 1),
                    text(ch, CHANNEL_LABEL), text(src, CODE_VALUE), text(src, CODING_SCHEME), text(src, CODE_MEANING),
                    Attribute.getSingleDoubleValueOrDefault(ch, SENSITIVITY, 1), text(units, CODE_VALUE), text(units, CODE_MEANING),
                    Attribute.getSingleDoubleValueOrDefault(ch, CORRECTION, 1), Attribute.getSingleDoubleValueOrDefault(ch, BASELINE, 0),
                    Attribute.getSingleDoubleValueOrDefault(ch, TIME_SKEW, 0), Attribute.getSingleIntegerValueOrDefault(ch, BITS_STORED, 0),
                    Attribute.getSingleDoubleValueOrDefault(ch, LOW, Double.NaN), Attribute.getSingleDoubleValueOrDefault(ch, HIGH, Double.NaN),
                    Attribute.getSingleDoubleValueOrDefault(ch, NOTCH, Double.NaN)));
        }
        return out;
    }

    private static AttributeList firstItem(AttributeList list, AttributeTag tag) {
        return list.get(tag) instanceof SequenceAttribute s && s.getNumberOfItems() > 0 ? s.getItem(0).getAttributeList() : null;
    }

    private static String text(AttributeList list, AttributeTag tag) {
        if (list == null)
            return null;
        String s = Attribute.getSingleStringValueOrNull(list, tag);
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static int required(Path source, String where, AttributeList item, AttributeTag tag, String keyword)
            throws DicomReadException {
        int v = Attribute.getSingleIntegerValueOrDefault(item, tag, -1);
        if (v <= 0)
            throw new DicomReadException(source, where + ": " + keyword + " missing or not positive");
        return v;
    }

    private static void check(Path source, String where, long have, long needed) throws DicomReadException {
        if (have < needed)
            throw new DicomReadException(source, where + ": WaveformData has " + have + " samples, the group needs " + needed
                    + " (channels x samples): the file is truncated or the counts are wrong");
    }
}
