package convbench.ekg.internal;

import convbench.dicom.api.DicomObject;
import convbench.dicom.api.DicomReadException;
import convbench.dicom.api.DicomTag;
import convbench.dicom.api.DicomToolkit;
import convbench.dicom.api.Waveform;
import convbench.dicom.api.WaveformChannel;
import convbench.ekg.EcgFormatException;
import convbench.ekg.EcgRecord;
import convbench.ekg.SignalInfo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * DICOM ECG waveforms (12-lead, General, Ambulatory ECG ...) through ConvBench's DICOM API: the rhythm group (the
 * longest ORIGINAL multiplex group; derived groups such as median beats are left out) becomes the record. Channels
 * in microvolts are given in millivolts, so the paper's 10 mm/mV holds; the ADC values are kept as stored.
 */
public final class DicomEcgReader {
    private static final DicomTag ACQUISITION_DATE_TIME = DicomTag.of(0x0008, 0x002A);

    private DicomEcgReader() {
    }

    public static EcgRecord read(DicomToolkit toolkit, Path file) throws EcgFormatException {
        List<Waveform> groups;
        DicomObject o;
        try {
            o = toolkit.read(file);
            groups = o.waveforms();
        } catch (DicomReadException e) {
            throw new EcgFormatException(file, null, "not a readable DICOM waveform: " + e.getMessage(), e);
        }
        if (groups.isEmpty())
            throw new EcgFormatException(file, null, "a DICOM object without a WaveformSequence (SOP class "
                    + o.string(DicomTag.of(0x0008, 0x0016), "?") + "): not an ECG");
        Waveform w = rhythm(groups);
        int n = w.channelCount();
        List<SignalInfo> info = new ArrayList<>(n);
        float[][] phys = new float[n][];
        for (int c = 0; c < n; c++) {
            WaveformChannel ch = w.channels().get(c);
            String units = ch.units() == null ? "" : ch.units();
            double toUnits = 1;
            if (units.equals("uV") || units.equals("\u00b5V")) { // the paper is calibrated in mV
                toUnits = 1e-3;
                units = "mV";
            }
            double[] v = w.physical(c);
            float[] p = new float[v.length];
            for (int i = 0; i < v.length; i++)
                p[i] = (float) (v[i] * toUnits);
            phys[c] = p;
            // physical = (adc + baseline) * sensitivity * correction: WFDB's (adc - b) / gain with b = -baseline
            info.add(new SignalInfo(leadName(ch), units, 1 / (ch.sensitivity() * ch.correctionFactor() * toUnits), -ch.baseline()));
        }
        String name = file.getFileName().toString().replaceFirst("(?i)\\.dcm$", "");
        return new EcgRecord(name, file, w.samplingFrequency(), info, phys, w.samples(), List.of(),
                o.string(ACQUISITION_DATE_TIME));
    }

    /** The longest ORIGINAL group (the first when none says ORIGINAL). */
    static Waveform rhythm(List<Waveform> groups) {
        Waveform best = null;
        for (Waveform w : groups)
            if ("ORIGINAL".equals(w.originality()) && (best == null || w.sampleCount() > best.sampleCount()))
                best = w;
        return best != null ? best : groups.get(0);
    }

    /** "Lead I (Einthoven)" -> "I", "Lead aVR" -> "aVR", "Lead V1" -> "V1"; other names as they are. */
    static String leadName(WaveformChannel ch) {
        String s = ch.name();
        if (s.toLowerCase(Locale.ROOT).startsWith("lead ")) {
            s = s.substring(5).trim();
            int paren = s.indexOf(" (");
            if (paren > 0)
                s = s.substring(0, paren);
        }
        return s;
    }
}
