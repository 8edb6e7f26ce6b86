package convbench.ekg;

/** WFDB annotation codes and their MIT mnemonics (ecgcodes.h). */
public final class AnnotationCodes {
    public static final int NOTQRS = 0, NORMAL = 1, LBBB = 2, RBBB = 3, ABERR = 4, PVC = 5, FUSION = 6, NPC = 7,
            APC = 8, SVPB = 9, VESC = 10, NESC = 11, PACE = 12, UNKNOWN = 13, NOISE = 14, ARFCT = 16, STCH = 18,
            TCH = 19, SYSTOLE = 20, DIASTOLE = 21, NOTE = 22, MEASURE = 23, PWAVE = 24, BBB = 25, PACESP = 26,
            TWAVE = 27, RHYTHM = 28, UWAVE = 29, LEARN = 30, FLWAV = 31, VFON = 32, VFOFF = 33, AESC = 34,
            SVESC = 35, LINK = 36, NAPC = 37, PFUS = 38, WFON = 39, WFOFF = 40, RONT = 41;
    public static final int ACMAX = 49;

    private static final String[] SYMBOLS = new String[ACMAX + 1];
    private static final boolean[] BEAT = new boolean[ACMAX + 1];

    static {
        String[] s = {" ", "N", "L", "R", "a", "V", "F", "J", "A", "S", "E", "j", "/", "Q", "~", null, "|", null, "s",
                "T", "*", "D", "\"", "=", "p", "B", "^", "t", "+", "u", "?", "!", "[", "]", "e", "n", "@", "x", "f",
                "(", ")", "r"};
        for (int i = 0; i <= ACMAX; i++)
            SYMBOLS[i] = i < s.length && s[i] != null ? s[i] : "[" + i + "]";
        // MIT-BIH beat labels (mitdb README: N L R e j / A a J S / V E / F / slash f Q)
        for (int c : new int[] {NORMAL, LBBB, RBBB, AESC, NESC, APC, ABERR, NPC, SVPB, PVC, VESC, FUSION, PACE, PFUS,
                UNKNOWN})
            BEAT[c] = true;
    }

    private AnnotationCodes() {
    }

    public static String symbol(int code) {
        return code >= 0 && code <= ACMAX ? SYMBOLS[code] : "[" + code + "]";
    }

    /** The code of an MIT mnemonic, or -1. */
    public static int code(String symbol) {
        for (int i = 0; i <= ACMAX; i++)
            if (SYMBOLS[i].equals(symbol))
                return i;
        return -1;
    }

    public static boolean isBeat(int code) {
        return code >= 0 && code <= ACMAX && BEAT[code];
    }
}
