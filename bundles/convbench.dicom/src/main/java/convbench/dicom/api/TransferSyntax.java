package convbench.dicom.api;

import java.util.Arrays;
import java.util.Optional;

/** The transfer syntaxes ConvBench names in messages; {@link DicomToolkit#canDecode} says which ones work. */
public enum TransferSyntax {
    IMPLICIT_VR_LITTLE_ENDIAN("1.2.840.10008.1.2", "Implicit VR Little Endian", false),
    EXPLICIT_VR_LITTLE_ENDIAN("1.2.840.10008.1.2.1", "Explicit VR Little Endian", false),
    DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN("1.2.840.10008.1.2.1.99", "Deflated Explicit VR Little Endian", false),
    EXPLICIT_VR_BIG_ENDIAN("1.2.840.10008.1.2.2", "Explicit VR Big Endian", false),
    JPEG_BASELINE("1.2.840.10008.1.2.4.50", "JPEG Baseline (lossy, 8 bit)", true),
    JPEG_EXTENDED("1.2.840.10008.1.2.4.51", "JPEG Extended (lossy, 12 bit)", true),
    JPEG_LOSSLESS("1.2.840.10008.1.2.4.57", "JPEG Lossless (process 14)", true),
    JPEG_LOSSLESS_SV1("1.2.840.10008.1.2.4.70", "JPEG Lossless (process 14, selection value 1)", true),
    JPEG_LS_LOSSLESS("1.2.840.10008.1.2.4.80", "JPEG-LS Lossless", true),
    JPEG_LS_NEAR_LOSSLESS("1.2.840.10008.1.2.4.81", "JPEG-LS Near-Lossless", true),
    JPEG_2000_LOSSLESS("1.2.840.10008.1.2.4.90", "JPEG 2000 Lossless", true),
    JPEG_2000("1.2.840.10008.1.2.4.91", "JPEG 2000 (lossy)", true),
    RLE_LOSSLESS("1.2.840.10008.1.2.5", "RLE Lossless", true);

    private final String uid;
    private final String title;
    private final boolean encapsulated;

    TransferSyntax(String uid, String title, boolean encapsulated) {
        this.uid = uid;
        this.title = title;
        this.encapsulated = encapsulated;
    }

    public String uid() {
        return uid;
    }

    public String title() {
        return title;
    }

    /** Pixel data stored as compressed fragments rather than plain samples. */
    public boolean encapsulated() {
        return encapsulated;
    }

    public static Optional<TransferSyntax> of(String uid) {
        String u = uid == null ? "" : uid.trim();
        return Arrays.stream(values()).filter(t -> t.uid.equals(u)).findFirst();
    }

    /** "JPEG-LS Lossless (1.2.840.10008.1.2.4.80)", or the bare UID when unknown. */
    public static String describe(String uid) {
        return of(uid).map(t -> t.title + " (" + t.uid + ")").orElse("transfer syntax " + uid);
    }
}
