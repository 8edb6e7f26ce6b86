package convbench.ct.internal;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Streams the entries of a (ustar) tar archive; enough for InVesalius projects. */
public final class TarReader {
    private final InputStream in;
    private long remaining;
    private long padding;

    public TarReader(InputStream in) {
        this.in = in;
    }

    public record Entry(String name, long size) {
        /** The last path component. */
        public String fileName() {
            int slash = name.lastIndexOf('/');
            return slash < 0 ? name : name.substring(slash + 1);
        }
    }

    /** The next regular file, or null at the end; the previous entry's unread bytes are skipped. */
    public Entry next() throws IOException {
        in.skipNBytes(remaining + padding);
        remaining = 0;
        padding = 0;
        while (true) {
            byte[] h = in.readNBytes(512);
            if (h.length < 512 || isZero(h))
                return null;
            String name = text(h, 0, 100);
            if (h[257] == 'u' && h[258] == 's' && h[259] == 't' && h[260] == 'a' && h[261] == 'r') {
                String prefix = text(h, 345, 155);
                if (!prefix.isEmpty())
                    name = prefix + "/" + name;
            }
            long size = Long.parseLong(text(h, 124, 12).isEmpty() ? "0" : text(h, 124, 12), 8);
            long pad = (512 - size % 512) % 512;
            byte type = h[156];
            if (type == '0' || type == 0) {
                remaining = size;
                padding = pad;
                return new Entry(name, size);
            }
            in.skipNBytes(size + pad); // folders, links, pax headers
        }
    }

    /** Reads exactly {@code buf.length} bytes of the current entry. */
    public void readFully(byte[] buf, int len) throws IOException {
        if (len > remaining)
            throw new EOFException("tar entry has " + remaining + " bytes left, " + len + " wanted");
        int n = in.readNBytes(buf, 0, len);
        if (n < len)
            throw new EOFException("archive ends inside an entry");
        remaining -= len;
    }

    public byte[] readAll() throws IOException {
        if (remaining > 64 << 20)
            throw new IOException("tar entry too large to hold in memory: " + remaining + " bytes");
        byte[] b = new byte[(int) remaining];
        readFully(b, b.length);
        return b;
    }

    private static boolean isZero(byte[] h) {
        for (byte b : h)
            if (b != 0)
                return false;
        return true;
    }

    private static String text(byte[] h, int off, int len) {
        int end = off;
        while (end < off + len && h[end] != 0)
            end++;
        return new String(h, off, end - off, StandardCharsets.US_ASCII).trim();
    }
}
