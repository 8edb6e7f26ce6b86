package convbench.ekg;

/**
 * One annotation of a record (MIT/WFDB semantics; EDF+ annotations use {@link AnnotationCodes#NOTE} with the
 * text in {@code aux}).
 *
 * @param sample  sample number (at the record's frame rate)
 * @param code    WFDB annotation code, 1..49 ({@link AnnotationCodes})
 * @param subtype WFDB subtyp (signed byte)
 * @param chan    WFDB chan (0..255)
 * @param num     WFDB num (signed byte)
 * @param aux     auxiliary text, or {@code null}
 */
public record Annotation(long sample, int code, int subtype, int chan, int num, String aux) {
    /** The MIT mnemonic, e.g. {@code N}, {@code V}, {@code +}. */
    public String symbol() {
        return AnnotationCodes.symbol(code);
    }

    /** True for the beat labels of the MIT-BIH Arrhythmia Database (the 15 symbols of its README class map). */
    public boolean isBeat() {
        return AnnotationCodes.isBeat(code);
    }
}
