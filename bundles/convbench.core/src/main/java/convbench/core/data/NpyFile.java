package convbench.core.data;

import convbench.core.model.AtomicFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NumPy {@code .npy} arrays (format versions 1-3, C order; little-endian float32/float64, uint8, int16, int32):
 * the exchange format between ConvBench and Python ({@code numpy.save}). Reading is by example (the first axis),
 * at an offset, so a file larger than memory can be scanned.
 */
public final class NpyFile implements AutoCloseable {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private final Path file;
    private final FileChannel channel;
    private final long dataOffset;
    private final String descr;
    private final int itemSize;
    private final long[] shape;

    private NpyFile(Path file, FileChannel channel, long dataOffset, String descr, int itemSize, long[] shape) {
        this.file = file;
        this.channel = channel;
        this.dataOffset = dataOffset;
        this.descr = descr;
        this.itemSize = itemSize;
        this.shape = shape;
    }

    public static NpyFile open(Path file) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
        try {
            ByteBuffer head = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, head, 0, file);
            head.flip();
            byte[] magic = new byte[6];
            head.get(magic);
            if (!Arrays.equals(magic, MAGIC))
                throw new IOException(file + ": not a NumPy .npy file (bad magic)");
            int major = head.get() & 0xff;
            head.get();
            long headerLen;
            int prefix;
            if (major == 1) {
                headerLen = head.getShort() & 0xffff;
                prefix = 10;
            } else if (major == 2 || major == 3) {
                headerLen = head.getInt() & 0xffffffffL;
                prefix = 12;
            } else {
                throw new IOException(file + ": unsupported .npy format version " + major);
            }
            ByteBuffer hb = ByteBuffer.allocate((int) headerLen);
            readFully(ch, hb, prefix, file);
            String header = new String(hb.array(), major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
            String descr = group(DESCR, header, file, "descr");
            if ("True".equals(group(FORTRAN, header, file, "fortran_order")))
                throw new IOException(file + ": Fortran-order arrays are not supported (save with numpy.ascontiguousarray)");
            String dims = group(SHAPE, header, file, "shape").trim();
            long[] shape = dims.isEmpty() ? new long[0]
                    : Arrays.stream(dims.split(",")).map(String::trim).filter(s -> !s.isEmpty()).mapToLong(Long::parseLong).toArray();
            int itemSize = switch (descr) {
                case "<f4", "<i4" -> 4;
                case "<f8" -> 8;
                case "<i2" -> 2;
                case "|u1", "<u1" -> 1;
                default -> throw new IOException(file + ": unsupported dtype '" + descr + "' (float32/64, uint8, int16, int32)");
            };
            long expected = prefix + headerLen + Arrays.stream(shape).reduce(1, (a, b) -> a * b) * itemSize;
            if (ch.size() < expected)
                throw new IOException(file + ": truncated: " + ch.size() + " bytes, the header " + Arrays.toString(shape)
                        + " " + descr + " needs " + expected);
            return new NpyFile(file, ch, prefix + headerLen, descr, itemSize, shape);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e instanceof IOException io ? io : new IOException(file + ": bad .npy header: " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    public long[] shape() {
        return shape.clone();
    }

    /** The shape of one entry along the first axis. */
    public int[] itemShape() {
        return ExampleSource.toInt(Arrays.copyOfRange(shape, 1, shape.length));
    }

    public int count() {
        if (shape.length == 0)
            throw new IllegalStateException(file + ": a scalar has no entries");
        return Math.toIntExact(shape[0]);
    }

    /** Entry {@code index} along the first axis, as floats in C order. */
    public synchronized float[] read(int index) throws IOException {
        if (index < 0 || index >= count())
            throw new IndexOutOfBoundsException(file + ": entry " + index + " of " + count());
        long per = 1;
        for (int i = 1; i < shape.length; i++)
            per *= shape[i];
        ByteBuffer buf = ByteBuffer.allocate(Math.toIntExact(per * itemSize)).order(ByteOrder.LITTLE_ENDIAN);
        readFully(channel, buf, dataOffset + index * per * itemSize, file);
        buf.flip();
        float[] v = new float[(int) per];
        for (int i = 0; i < v.length; i++) {
            v[i] = switch (descr) {
                case "<f4" -> buf.getFloat();
                case "<f8" -> (float) buf.getDouble();
                case "<i4" -> buf.getInt();
                case "<i2" -> buf.getShort();
                default -> buf.get() & 0xff;
            };
        }
        return v;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /** Writes a float32 C-order array (atomically). */
    public static void write(Path file, float[] data, long... shape) throws IOException {
        long n = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        if (n != data.length)
            throw new IllegalArgumentException(file + ": shape " + Arrays.toString(shape) + " holds " + n + " values, got " + data.length);
        StringBuilder dims = new StringBuilder();
        for (long s : shape)
            dims.append(s).append(", ");
        if (shape.length > 1)
            dims.setLength(dims.length() - 2);
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + dims.toString().trim() + "), }";
        int total = 10 + dict.length() + 1;
        int pad = (64 - total % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        ByteBuffer buf = ByteBuffer.allocate(10 + header.length() + data.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buf.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length());
        buf.put(header.getBytes(StandardCharsets.ISO_8859_1));
        for (float f : data)
            buf.putFloat(f);
        AtomicFiles.write(file, buf.array());
    }

    private static String group(Pattern p, String header, Path file, String key) throws IOException {
        Matcher m = p.matcher(header);
        if (!m.find())
            throw new IOException(file + ": .npy header has no '" + key + "': " + header.trim());
        return m.group(1);
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long position, Path file) throws IOException {
        long pos = position;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos);
            if (n < 0)
                throw new IOException(file + ": truncated at byte " + pos);
            pos += n;
        }
    }
}
