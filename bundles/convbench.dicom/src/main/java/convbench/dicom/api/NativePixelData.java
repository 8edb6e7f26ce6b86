package convbench.dicom.api;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Where uncompressed (native) pixel data lies in a file: the byte offset and length of the PixelData value and its
 * byte order. A toolkit reports it from {@link DicomToolkit#readHeader} for native transfer syntaxes, so a volume
 * loader can fetch a slice's samples with one positional read instead of parsing the file a second time.
 */
public record NativePixelData(long offset, long length, ByteOrder order) {
    public NativePixelData {
        if (offset < 0 || length < 0)
            throw new IllegalArgumentException("pixel data offset and length must not be negative: " + offset + ", " + length);
    }

    // one buffer per decoding thread: slices of a series all have the same size
    private static final ThreadLocal<ByteBuffer> BUFFER = ThreadLocal.withInitial(() -> ByteBuffer.allocate(0));

    /**
     * Reads frame {@code frame} of 16-bit words into {@code dest} (its length is the samples per frame): raw words,
     * bits above BitsStored not yet masked (see {@link PixelFrame#fromRawWords}).
     *
     * @throws DicomReadException naming the file when the value is shorter than the frame needs or the read fails
     */
    public void readWords(Path file, int frame, short[] dest) throws DicomReadException {
        long bytes = 2L * dest.length, start = 2L * frame * dest.length;
        if (start + bytes > length)
            throw new DicomReadException(file, "pixel data is corrupted or truncated: it holds " + length / 2
                    + " 16-bit samples, frame " + frame + " needs samples up to " + (start + bytes) / 2);
        ByteBuffer buf = BUFFER.get();
        if (buf.capacity() < bytes)
            BUFFER.set(buf = ByteBuffer.allocate((int) bytes));
        buf.clear().limit((int) bytes);
        long end = offset + start + bytes;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            if (ch.size() < end)
                throw new DicomReadException(file, "pixel data is truncated: the file ends at byte " + ch.size()
                        + ", its " + dest.length + " samples need bytes up to " + end);
            for (long pos = offset + start; buf.hasRemaining();) {
                int n = ch.read(buf, pos);
                if (n < 0)
                    throw new EOFException("the file ends at byte " + pos + ", pixel data needs bytes up to " + end);
                pos += n;
            }
        } catch (DicomReadException e) {
            throw e;
        } catch (IOException e) {
            throw new DicomReadException(file, "pixel data cannot be read: " + e.getMessage(), e);
        }
        buf.flip();
        buf.order(order).asShortBuffer().get(dest);
    }
}
