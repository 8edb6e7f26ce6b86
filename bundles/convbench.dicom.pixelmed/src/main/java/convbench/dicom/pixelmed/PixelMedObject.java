package convbench.dicom.pixelmed;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.TagFromName;

import convbench.dicom.api.DicomObject;
import convbench.dicom.api.DicomReadException;
import convbench.dicom.api.DicomTag;
import convbench.dicom.api.DicomUids;
import convbench.dicom.api.NativePixelData;
import convbench.dicom.api.PixelFrame;
import convbench.dicom.api.Tags;
import convbench.dicom.api.Waveform;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A PixelMed AttributeList seen through ConvBench's {@link DicomObject}. */
final class PixelMedObject implements DicomObject {
    private final Path source;
    private final AttributeList list;
    private final String transferSyntax;
    private final boolean withPixels;
    private final NativePixelData nativePixels;

    PixelMedObject(Path source, AttributeList list, String transferSyntax, boolean withPixels, NativePixelData nativePixels) {
        this.source = source;
        this.list = list;
        this.transferSyntax = transferSyntax;
        this.withPixels = withPixels;
        this.nativePixels = nativePixels;
    }

    @Override
    public Optional<NativePixelData> nativePixelData() {
        return Optional.ofNullable(nativePixels);
    }

    static AttributeTag tag(DicomTag t) {
        return new AttributeTag(t.group(), t.element());
    }

    @Override
    public Path source() {
        return source;
    }

    @Override
    public String transferSyntaxUid() {
        return transferSyntax;
    }

    @Override
    public boolean contains(DicomTag tag) {
        return list.get(tag(tag)) != null;
    }

    @Override
    public String vr(DicomTag tag) {
        Attribute a = list.get(tag(tag));
        return a == null ? null : new String(a.getVR(), java.nio.charset.StandardCharsets.US_ASCII);
    }

    @Override
    public String string(DicomTag tag) {
        Attribute a = list.get(tag(tag));
        if (a == null)
            return null;
        String s = a.getSingleStringValueOrEmptyString().trim();
        return s.isEmpty() ? null : s;
    }

    @Override
    public String string(String keyword) {
        AttributeTag t = AttributeList.getDictionary().getTagFromName(keyword);
        if (t == null)
            throw new IllegalArgumentException("unknown DICOM keyword '" + keyword + "'");
        return string(DicomTag.of(t.getGroup(), t.getElement()));
    }

    @Override
    public String[] strings(DicomTag tag) {
        Attribute a = list.get(tag(tag));
        if (a == null)
            return new String[0];
        try {
            String[] v = a.getStringValues();
            return v == null ? new String[0] : v;
        } catch (DicomException e) {
            return new String[0];
        }
    }

    @Override
    public double[] doubles(DicomTag tag) {
        Attribute a = list.get(tag(tag));
        if (a == null || a.getVM() == 0)
            return new double[0];
        try {
            double[] v = a.getDoubleValues();
            return v == null ? new double[0] : v;
        } catch (DicomException | RuntimeException e) {
            // a malformed DS/IS value counts as absent; callers name the attribute they needed
            return new double[0];
        }
    }

    @Override
    public List<DicomTag> tags() {
        List<DicomTag> out = new ArrayList<>(list.size());
        for (AttributeTag t : list.keySet())
            out.add(DicomTag.of(t.getGroup(), t.getElement()));
        return out;
    }

    @Override
    public boolean isImage() {
        String sop = string(Tags.SOPClassUID, string(Tags.MediaStorageSOPClassUID, ""));
        if (sop.equals(DicomUids.MEDIA_STORAGE_DIRECTORY_STORAGE))
            return false;
        boolean sized = integer(Tags.Rows, 0) > 0 && integer(Tags.Columns, 0) > 0;
        return withPixels ? sized && list.getPixelData() != null : sized;
    }

    @Override
    public boolean hasPixels() {
        return withPixels;
    }

    @Override
    public int frameCount() {
        return Math.max(1, integer(Tags.NumberOfFrames, 1));
    }

    @Override
    public List<Waveform> waveforms() throws DicomReadException {
        return PixelMedWaveforms.read(source, list, transferSyntax);
    }

    @Override
    public PixelFrame frame(int index) throws DicomReadException {
        if (!withPixels)
            throw new IllegalStateException(source + ": read without pixels (readHeader); use read() for frames");
        Attribute pixels = list.getPixelData();
        if (pixels == null && integer(Tags.Rows, 0) > 0)
            // PixelMed drops (and logs) a pixel data element it cannot read to the end
            throw new DicomReadException(source, "pixel data is missing or unreadable: the file is truncated or its pixel"
                    + " data element is corrupted");
        if (pixels == null)
            throw new DicomReadException(source, "has no pixel data (SOP class " + string(Tags.SOPClassUID, "?") + ")");
        int frames = frameCount();
        if (index < 0 || index >= frames)
            throw new IndexOutOfBoundsException(source + ": frame " + index + " of " + frames);
        int rows = integer(Tags.Rows, 0), columns = integer(Tags.Columns, 0), spp = integer(Tags.SamplesPerPixel, 1);
        int allocated = integer(Tags.BitsAllocated, 16), stored = integer(Tags.BitsStored, allocated);
        boolean signed = integer(Tags.PixelRepresentation, 0) == 1;
        if (rows <= 0 || columns <= 0)
            throw new DicomReadException(source, "Rows/Columns missing or zero");
        if (allocated != 8 && allocated != 16)
            throw new DicomReadException(source, "BitsAllocated " + allocated + " is not supported (8 or 16 only)");
        int perFrame = rows * columns * spp;
        short[] raw = new short[perFrame];
        try {
            if (allocated == 16) {
                short[] all = pixels.getShortValues();
                checkLength(all == null ? 0 : all.length, (long) perFrame * frames, "16-bit samples");
                System.arraycopy(all, index * perFrame, raw, 0, perFrame);
            } else {
                byte[] all = pixels.getByteValues();
                checkLength(all == null ? 0 : all.length, (long) perFrame * frames, "bytes");
                int off = index * perFrame;
                for (int i = 0; i < perFrame; i++)
                    raw[i] = (short) (signed ? all[off + i] : all[off + i] & 0xFF);
            }
        } catch (DicomException e) {
            throw new DicomReadException(source, "pixel data cannot be read: " + e.getMessage(), e);
        }
        if (spp > 1 && integer(DicomTag.of(0x0028, 0x0006), 0) == 1)
            raw = interleave(raw, rows * columns, spp);
        return PixelFrame.fromRawWords(rows, columns, spp, allocated, Math.min(stored, allocated), signed, photometric(), raw);
    }

    private void checkLength(long have, long need, String unit) throws DicomReadException {
        if (have < need)
            throw new DicomReadException(source, "pixel data is corrupted or truncated: it holds " + have + " " + unit
                    + ", Rows x Columns x SamplesPerPixel x frames needs " + need);
    }

    private String photometric() {
        try {
            // after decompression PixelMed may have turned YBR into RGB: ask it for the photometric that applies now
            String p = list.getDecompressedPhotometricInterpretation();
            if (p != null && !p.isBlank())
                return p.trim();
        } catch (DicomException e) {
            // fall back to the attribute as written
        }
        return string(Tags.PhotometricInterpretation, "");
    }

    private static short[] interleave(short[] planar, int pixels, int spp) {
        short[] out = new short[planar.length];
        for (int s = 0; s < spp; s++)
            for (int p = 0; p < pixels; p++)
                out[p * spp + s] = planar[s * pixels + p];
        return out;
    }

    AttributeList attributes() {
        return list;
    }

    static String transferSyntaxOf(AttributeList list) {
        return Attribute.getSingleStringValueOrEmptyString(list, TagFromName.TransferSyntaxUID).trim();
    }
}
