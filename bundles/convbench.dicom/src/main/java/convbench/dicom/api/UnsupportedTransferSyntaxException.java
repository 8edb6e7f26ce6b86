package convbench.dicom.api;

import java.nio.file.Path;

/** The file is valid DICOM but its pixel data is compressed in a way the toolkit has no decoder for. */
public class UnsupportedTransferSyntaxException extends DicomReadException {
    private static final long serialVersionUID = 1L;
    private final String transferSyntaxUid;

    public UnsupportedTransferSyntaxException(Path file, String transferSyntaxUid, String toolkit, Throwable cause) {
        super(file, "pixel data is compressed as " + TransferSyntax.describe(transferSyntaxUid) + ", which " + toolkit
                + " cannot decode (no codec for it is installed); convert the file to an uncompressed transfer syntax"
                + " first (e.g. gdcmconv --raw)", cause);
        this.transferSyntaxUid = transferSyntaxUid;
    }

    public String transferSyntaxUid() {
        return transferSyntaxUid;
    }
}
