package convbench.ekg;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads annotation files in MIT format ({@code .atr}, {@code .qrs}, ...; see PhysioNet's annot(5)). */
public final class WfdbAnnotations {
    private static final int SKIP = 59, NUM = 60, SUB = 61, CHN = 62, AUX = 63;

    private WfdbAnnotations() {
    }

    /** The annotation file of {@code record} (its header or base path) with the given extension, e.g. "atr". */
    public static Path fileOf(Path recordFile, String annotator) {
        String n = recordFile.getFileName().toString();
        int dot = n.lastIndexOf('.');
        String base = dot > 0 ? n.substring(0, dot) : n;
        return recordFile.resolveSibling(base + "." + annotator);
    }

    /**
     * Drops the "## annotation type definitions" block of NOTE annotations at the start of a file: PhysioNet's
     * library consumes it as mnemonic definitions and never returns it.
     */
    private static List<Annotation> withoutDefinitions(List<Annotation> in) {
        if (in.isEmpty() || !isNote(in.get(0), "## annotation type definitions"))
            return in;
        for (int i = 1; i < in.size(); i++)
            if (isNote(in.get(i), "## end of definitions"))
                return new ArrayList<>(in.subList(i + 1, in.size()));
        return in;
    }

    private static boolean isNote(Annotation a, String prefix) {
        return a.code() == AnnotationCodes.NOTE && a.sample() == 0 && a.aux() != null && a.aux().startsWith(prefix);
    }

    public static List<Annotation> read(Path file) throws IOException {
        byte[] b;
        try {
            b = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new EcgFormatException(file, null, "annotation file not found");
        }
        List<Annotation> out = new ArrayList<>();
        long time = 0;
        int chan = 0, num = 0;
        // the annotation being built: modifier words (SUB, CHN, NUM, AUX) follow their annotation word, so it is
        // emitted at the next annotation word; CHN and NUM persist from one annotation to the next
        boolean open = false;
        long aTime = 0;
        int aCode = 0, aSub = 0;
        String aAux = null;
        int p = 0;
        while (p + 1 < b.length) {
            int word = (b[p] & 0xff) | (b[p + 1] & 0xff) << 8;
            int a = word >>> 10, i = word & 0x3ff;
            int at = p;
            p += 2;
            if (a == 0 && i == 0)
                break; // end of file marker
            switch (a) {
                case SKIP -> {
                    if (p + 4 > b.length)
                        throw new EcgFormatException(file, "byte " + at, "SKIP word cut off by the end of the file");
                    // PDP-11 long: high 16-bit word first, each word little-endian
                    int hi = (b[p] & 0xff) | (b[p + 1] & 0xff) << 8, lo = (b[p + 2] & 0xff) | (b[p + 3] & 0xff) << 8;
                    time += (hi << 16) | lo;
                    p += 4;
                }
                case NUM -> num = (byte) i;
                case SUB -> aSub = (byte) i;
                case CHN -> chan = i & 0xff;
                case AUX -> {
                    if (p + i > b.length)
                        throw new EcgFormatException(file, "byte " + at, "aux text of " + i
                                + " bytes runs past the end of the file");
                    int len = i;
                    while (len > 0 && b[p + len - 1] == 0)
                        len--; // some writers count a terminating NUL
                    aAux = new String(b, p, len, StandardCharsets.ISO_8859_1);
                    p += i + (i & 1);
                }
                case 0 -> time += i; // a time-only word (written after a SKIP)
                default -> {
                    if (a > AnnotationCodes.ACMAX)
                        throw new EcgFormatException(file, "byte " + at, "unknown annotation code " + a);
                    if (open)
                        out.add(new Annotation(aTime, aCode, aSub, chan, num, aAux));
                    time += i;
                    open = true;
                    aTime = time;
                    aCode = a;
                    aSub = 0;
                    aAux = null;
                }
            }
        }
        if (open)
            out.add(new Annotation(aTime, aCode, aSub, chan, num, aAux));
        return withoutDefinitions(out);
    }

}
