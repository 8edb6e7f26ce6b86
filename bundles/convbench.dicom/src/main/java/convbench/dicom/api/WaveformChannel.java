package convbench.dicom.api;

/**
 * One channel of a {@link Waveform} (a ChannelDefinitionSequence item, PS3.3 C.10.9.1.4). Absent optional values
 * are null (text) or NaN (numbers); sensitivity and correction default to 1 and baseline to 0, as in pydicom.
 *
 * @param sourceCode        ChannelSourceSequence CodeValue, e.g. "2:1" (MDC) or "5.6.3-9-1" (SCPECG) for lead I
 * @param sourceMeaning     its CodeMeaning, e.g. "Lead I (Einthoven)"
 * @param units             ChannelSensitivityUnitsSequence CodeValue (UCUM), e.g. "uV" or "mV"
 * @param timeSkew          ChannelTimeSkew in seconds (0 when absent)
 */
public record WaveformChannel(int number, String label, String sourceCode, String sourceScheme, String sourceMeaning,
        double sensitivity, String units, String unitsMeaning, double correctionFactor, double baseline, double timeSkew,
        int bitsStored, double lowFrequency, double highFrequency, double notchFrequency) {
    /** A name for people: the channel label, else the source's meaning, else its code, else "channel N". */
    public String name() {
        for (String s : new String[] { label, sourceMeaning, sourceCode })
            if (s != null && !s.isBlank())
                return s;
        return "channel " + number;
    }
}
