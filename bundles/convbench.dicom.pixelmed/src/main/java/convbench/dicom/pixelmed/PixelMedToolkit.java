package convbench.dicom.pixelmed;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeFactory;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.AttributeTagAttribute;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.DicomInputStream;
import com.pixelmed.dicom.FileMetaInformation;
import com.pixelmed.dicom.OtherByteAttribute;
import com.pixelmed.dicom.OtherWordAttribute;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TransferSyntax;
import com.pixelmed.imageio.JPEGLosslessImageReaderSpi;

import convbench.dicom.api.DicomDataset;
import convbench.dicom.api.DicomObject;
import convbench.dicom.api.DicomReadException;
import convbench.dicom.api.DicomTag;
import convbench.dicom.api.DicomToolkit;
import convbench.dicom.api.NativePixelData;
import convbench.dicom.api.PixelFrame;
import convbench.dicom.api.Tags;
import convbench.dicom.api.UnsupportedTransferSyntaxException;

import org.osgi.service.component.annotations.Component;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.imageio.ImageIO;
import javax.imageio.spi.IIORegistry;

/** ConvBench's {@link DicomToolkit} implemented with PixelMed (Debian libpixelmed-java 20220618). */
@Component(service = DicomToolkit.class)
public final class PixelMedToolkit implements DicomToolkit {
    private static final String NAME = "PixelMed 20220618";

    static {
        // Inside OSGi, ImageIO's service scan cannot see our embedded jar: register the lossless JPEG decoder
        // ourselves (PixelMed looks decoders up by format name through ImageIO).
        IIORegistry.getDefaultInstance().registerServiceProvider(new JPEGLosslessImageReaderSpi());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public DicomObject read(Path file) throws DicomReadException {
        return readList(file, true);
    }

    @Override
    public DicomObject readHeader(Path file) throws DicomReadException {
        return readList(file, false);
    }

    private DicomObject readList(Path file, boolean pixels) throws DicomReadException {
        AttributeList list = new AttributeList();
        NativePixelData location = null;
        FileChannel ch;
        try {
            ch = FileChannel.open(file, StandardOpenOption.READ);
        } catch (IOException e) {
            throw new DicomReadException(file, "cannot open: " + e.getMessage(), e);
        }
        try (ch) {
            checkLooksLikeDicom(file, ch);
            if (pixels) {
                list.read(file.toFile());
            } else {
                // one open file for the check, the header and the pixel data's position
                DicomInputStream in = new DicomInputStream(new BufferedInputStream(Channels.newInputStream(ch.position(0)), 16 * 1024));
                long stop = list.read(in, TagFromName.PixelData);
                location = locatePixelData(ch, stop, in.getTransferSyntaxToReadDataSet());
            }
        } catch (DicomReadException e) {
            throw e;
        } catch (IOException | DicomException | RuntimeException e) {
            throw explain(file, e);
        }
        String ts = PixelMedObject.transferSyntaxOf(list);
        if (ts.isEmpty())
            ts = convbench.dicom.api.TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN.uid(); // no meta header: PS3.10 default
        return new PixelMedObject(file, list, ts, pixels, location);
    }

    /**
     * The PixelData value of a native (uncompressed, not deflated) dataset. PixelMed stops reading a header just
     * after the PixelData tag ({@code stop} = tag offset + 4); the element header is re-read here and checked, and
     * anything unexpected (another tag, undefined length = encapsulated) leaves the position unknown.
     */
    private static NativePixelData locatePixelData(FileChannel ch, long stop, TransferSyntax ts) throws IOException {
        if (ts == null || ts.isEncapsulated() || ts.isDeflated() || ts.isBzip2ed() || stop < 4)
            return null;
        ByteBuffer head = ByteBuffer.allocate(12).order(ts.isBigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        long tagAt = stop - 4;
        while (head.hasRemaining())
            if (ch.read(head, tagAt + head.position()) < 0)
                return null;
        head.flip();
        if (head.getShort(0) != (short) 0x7FE0 || head.getShort(2) != 0x0010)
            return null;
        long length;
        int headerBytes;
        if (ts.isExplicitVR()) {
            String vr = new String(new byte[] { head.get(4), head.get(5) }, StandardCharsets.US_ASCII);
            if (!vr.equals("OW") && !vr.equals("OB"))
                return null;
            length = head.getInt(8) & 0xFFFFFFFFL;
            headerBytes = 12;
        } else {
            length = head.getInt(4) & 0xFFFFFFFFL;
            headerBytes = 8;
        }
        if (length == 0xFFFFFFFFL)
            return null;
        return new NativePixelData(tagAt + headerBytes, length, head.order());
    }

    /** Part 10 files start with a 128-byte preamble and "DICM"; bare datasets start with a group 0002/0008 tag. */
    private static void checkLooksLikeDicom(Path file, FileChannel ch) throws DicomReadException, IOException {
        ByteBuffer buf = ByteBuffer.allocate(132);
        while (buf.hasRemaining() && ch.read(buf, buf.position()) >= 0) {
            // positional reads until the buffer is full or the file ends
        }
        byte[] head = buf.array();
        int n = buf.position();
        if (n == 132 && head[128] == 'D' && head[129] == 'I' && head[130] == 'C' && head[131] == 'M')
            return;
        int group = n >= 2 ? (head[0] & 0xFF) | (head[1] & 0xFF) << 8 : -1;
        if (n >= 8 && (group == 0x0002 || group == 0x0008))
            return;
        throw new DicomReadException(file, "not a DICOM file (no 'DICM' marker after the 128-byte preamble, and it does"
                + " not start with a DICOM attribute)");
    }

    /** Turns a toolkit failure into a message that names the file and the cause a user can act on. */
    private DicomReadException explain(Path file, Exception e) {
        String ts = "";
        try {
            AttributeList meta = new AttributeList();
            meta.readOnlyMetaInformationHeader(file.toFile());
            ts = PixelMedObject.transferSyntaxOf(meta);
        } catch (IOException | DicomException | RuntimeException ignored) {
            // the meta header itself is unreadable: report the original failure below
        }
        if (!ts.isEmpty() && !canDecode(ts))
            return new UnsupportedTransferSyntaxException(file, ts, NAME, e);
        if (e instanceof EOFException)
            return new DicomReadException(file, "file ends early: truncated or corrupted DICOM data", e);
        return new DicomReadException(file, "cannot read DICOM data (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
    }

    @Override
    public boolean canDecode(String uid) {
        convbench.dicom.api.TransferSyntax ts = convbench.dicom.api.TransferSyntax.of(uid).orElse(null);
        if (ts == null)
            return false;
        return switch (ts) {
            case IMPLICIT_VR_LITTLE_ENDIAN, EXPLICIT_VR_LITTLE_ENDIAN, DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN,
                    EXPLICIT_VR_BIG_ENDIAN, RLE_LOSSLESS -> true;
            case JPEG_BASELINE -> hasReader("jpeg");
            case JPEG_LOSSLESS, JPEG_LOSSLESS_SV1 -> hasReader("jpeg-lossless");
            // the JDK's JPEG reader has no 12-bit mode and PixelMed ships no other
            case JPEG_EXTENDED -> false;
            case JPEG_LS_LOSSLESS, JPEG_LS_NEAR_LOSSLESS -> hasReader("jpeg-ls");
            case JPEG_2000_LOSSLESS, JPEG_2000 -> hasReader("jpeg2000");
        };
    }

    private static boolean hasReader(String format) {
        return ImageIO.getImageReadersByFormatName(format).hasNext();
    }

    @Override
    public List<Path> referencedFiles(Path dicomdir) throws DicomReadException {
        AttributeList list = new AttributeList();
        try {
            list.read(dicomdir.toFile());
        } catch (IOException | DicomException | RuntimeException e) {
            throw explain(dicomdir, e);
        }
        if (!(list.get(TagFromName.DirectoryRecordSequence) instanceof SequenceAttribute records))
            throw new DicomReadException(dicomdir, "not a DICOMDIR (no DirectoryRecordSequence)");
        List<String[]> ids = new ArrayList<>();
        for (int i = 0; i < records.getNumberOfItems(); i++) {
            AttributeList item = records.getItem(i).getAttributeList();
            String[] id = Attribute.getStringValues(item, TagFromName.ReferencedFileID);
            if (id != null && id.length > 0)
                ids.add(id);
        }
        if (ids.isEmpty())
            return List.of();
        // File IDs are relative to the root of the medium, which is normally the DICOMDIR's folder; copies placed
        // deeper in a tree (like dcm_qa_ct's DIRFILE) need an ancestor instead.
        Path base = dicomdir.toAbsolutePath().getParent();
        for (Path b = base; b != null; b = b.getParent()) {
            if (Files.isRegularFile(resolve(b, ids.get(0)))) {
                base = b;
                break;
            }
        }
        List<Path> out = new ArrayList<>(ids.size());
        for (String[] id : ids)
            out.add(resolve(base, id));
        return out;
    }

    private static Path resolve(Path base, String[] id) {
        Path p = base;
        for (String part : id)
            for (String s : part.split("[\\\\/]"))
                if (!s.isBlank())
                    p = p.resolve(s.trim());
        return p;
    }

    @Override
    public void write(DicomDataset data, Path file) throws IOException {
        if (!data.attributes().containsKey(Tags.SOPClassUID) || !data.attributes().containsKey(Tags.SOPInstanceUID))
            throw new IOException(file + ": cannot write DICOM: the dataset needs SOPClassUID and SOPInstanceUID");
        AttributeList list;
        try {
            list = attributeList(data);
            if (!data.frames().isEmpty())
                putPixels(list, data.frames());
            if (data.bitFrames() != null)
                putBitPixels(list, data.bitFrames());
            String sopClass = data.attributes().get(Tags.SOPClassUID).values().get(0);
            String sopInstance = data.attributes().get(Tags.SOPInstanceUID).values().get(0);
            FileMetaInformation.addFileMetaInformation(list, sopClass, sopInstance, TransferSyntax.ExplicitVRLittleEndian, "CONVBENCH");
        } catch (DicomException | RuntimeException e) {
            throw new IOException(file + ": cannot build the DICOM dataset: " + e.getMessage(), e);
        }
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".part");
        try {
            list.write(tmp.toFile(), TransferSyntax.ExplicitVRLittleEndian, true, true);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (DicomException e) {
            throw new IOException(file + ": cannot write DICOM: " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The dataset's attributes, sequences as nested lists, AT values as tags. */
    private static AttributeList attributeList(DicomDataset data) throws DicomException {
        AttributeList list = new AttributeList();
        for (Map.Entry<DicomTag, DicomDataset.Value> e : data.attributes().entrySet()) {
            AttributeTag tag = PixelMedObject.tag(e.getKey());
            DicomDataset.Value value = e.getValue();
            Attribute a;
            if (value.vr().equals("SQ")) {
                SequenceAttribute sq = new SequenceAttribute(tag);
                for (DicomDataset item : value.items())
                    sq.addItem(attributeList(item));
                a = sq;
            } else if (value.vr().equals("AT")) {
                AttributeTagAttribute at = new AttributeTagAttribute(tag);
                for (String v : value.values()) {
                    DicomTag t = DicomTag.parse(v);
                    at.addValue(t.group(), t.element());
                }
                a = at;
            } else {
                a = AttributeFactory.newAttribute(tag, value.vr().getBytes(StandardCharsets.US_ASCII));
                for (String v : value.values())
                    a.addValue(v);
            }
            list.put(a);
        }
        return list;
    }

    /** BitsAllocated 1: the packed bits as OB (PS3.5 8.1.1), padded to an even length. */
    private static void putBitPixels(AttributeList list, DicomDataset.BitFrames b) throws DicomException {
        put(list, TagFromName.Rows, "US", b.rows());
        put(list, TagFromName.Columns, "US", b.columns());
        put(list, TagFromName.SamplesPerPixel, "US", 1);
        put(list, TagFromName.BitsAllocated, "US", 1);
        put(list, TagFromName.BitsStored, "US", 1);
        put(list, TagFromName.HighBit, "US", 0);
        put(list, TagFromName.PixelRepresentation, "US", 0);
        put(list, TagFromName.NumberOfFrames, "IS", b.frames());
        Attribute pi = AttributeFactory.newAttribute(TagFromName.PhotometricInterpretation, "CS".getBytes(StandardCharsets.US_ASCII));
        pi.addValue("MONOCHROME2");
        list.put(pi);
        byte[] bytes = b.packed().length % 2 == 0 ? b.packed() : java.util.Arrays.copyOf(b.packed(), b.packed().length + 1);
        OtherByteAttribute px = new OtherByteAttribute(TagFromName.PixelData);
        px.setValues(bytes);
        list.put(px);
    }

    private static void putPixels(AttributeList list, List<PixelFrame> frames) throws DicomException {
        PixelFrame f0 = frames.get(0);
        int per = f0.samples().length;
        put(list, TagFromName.Rows, "US", f0.rows());
        put(list, TagFromName.Columns, "US", f0.columns());
        put(list, TagFromName.SamplesPerPixel, "US", f0.samplesPerPixel());
        put(list, TagFromName.BitsAllocated, "US", f0.bitsAllocated());
        put(list, TagFromName.BitsStored, "US", f0.bitsStored());
        put(list, TagFromName.HighBit, "US", f0.bitsStored() - 1);
        put(list, TagFromName.PixelRepresentation, "US", f0.signed() ? 1 : 0);
        Attribute pi = AttributeFactory.newAttribute(TagFromName.PhotometricInterpretation, "CS".getBytes(StandardCharsets.US_ASCII));
        pi.addValue(f0.photometric().isEmpty() ? "MONOCHROME2" : f0.photometric());
        list.put(pi);
        if (frames.size() > 1)
            put(list, TagFromName.NumberOfFrames, "IS", frames.size());
        if (f0.samplesPerPixel() > 1)
            put(list, new AttributeTag(0x0028, 0x0006), "US", 0);
        if (f0.bitsAllocated() == 16) {
            short[] all = new short[per * frames.size()];
            for (int i = 0; i < frames.size(); i++)
                System.arraycopy(frames.get(i).samples(), 0, all, i * per, per);
            OtherWordAttribute px = new OtherWordAttribute(TagFromName.PixelData);
            px.setValues(all);
            list.put(px);
        } else {
            byte[] all = new byte[per * frames.size()];
            for (int i = 0; i < frames.size(); i++)
                for (int j = 0; j < per; j++)
                    all[i * per + j] = (byte) frames.get(i).samples()[j];
            OtherByteAttribute px = new OtherByteAttribute(TagFromName.PixelData);
            px.setValues(all);
            list.put(px);
        }
    }

    private static void put(AttributeList list, AttributeTag tag, String vr, int value) throws DicomException {
        Attribute a = AttributeFactory.newAttribute(tag, vr.getBytes(StandardCharsets.US_ASCII));
        a.addValue(value);
        list.put(a);
    }

    @Override
    public Optional<DicomTag> tagOf(String keyword) {
        AttributeTag t = AttributeList.getDictionary().getTagFromName(keyword);
        return t == null ? Optional.empty() : Optional.of(DicomTag.of(t.getGroup(), t.getElement()));
    }

    @Override
    public Optional<String> keywordOf(DicomTag tag) {
        return Optional.ofNullable(AttributeList.getDictionary().getNameFromTag(PixelMedObject.tag(tag)));
    }
}
