package convbench.dicom.api;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A DICOM toolkit behind ConvBench's API, provided as an OSGi service (PixelMed today). Implementations are
 * thread-safe: series loaders read files in parallel.
 */
public interface DicomToolkit {
    /** e.g. "PixelMed 20220618"; used in messages. */
    String name();

    /** Reads the whole file, pixels decoded. Unsupported compression gives {@link UnsupportedTransferSyntaxException}. */
    DicomObject read(Path file) throws DicomReadException;

    /** Reads the attributes only, stopping before the pixel data: fast, for scanning folders. */
    DicomObject readHeader(Path file) throws DicomReadException;

    /** Whether pixel data in this transfer syntax can be decoded with the codecs installed now. */
    boolean canDecode(String transferSyntaxUid);

    /**
     * Files a DICOMDIR refers to, resolved against its folder, in directory order.
     * @throws DicomReadException when the file is not a DICOMDIR
     */
    List<Path> referencedFiles(Path dicomdir) throws DicomReadException;

    /**
     * Writes {@code data} as a DICOM Part 10 file in Explicit VR Little Endian, through a temporary file that is
     * renamed into place. The dataset must carry SOPClassUID and SOPInstanceUID.
     */
    void write(DicomDataset data, Path file) throws IOException;

    /** The tag of a DICOM keyword such as "PixelSpacing", from the toolkit's dictionary. */
    Optional<DicomTag> tagOf(String keyword);

    /** The keyword of a tag, or empty for private and unknown tags. */
    Optional<String> keywordOf(DicomTag tag);
}
