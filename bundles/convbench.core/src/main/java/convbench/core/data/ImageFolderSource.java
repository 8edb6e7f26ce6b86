package convbench.core.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * 2D examples from a folder of PNG/JPEG images (sorted by name), as [C, H, W] with values 0..1; C = 1 reads
 * luminance, C = 3 reads RGB. With one sub-folder per class ({@code cats/, dogs/}), the sub-folder names (sorted) are
 * the classes. Images are read when asked for, so the folder may be larger than memory.
 */
public final class ImageFolderSource implements ExampleSource {
    private final Path folder;
    private final List<Path> files;
    private final int[] labels;
    private final List<String> classNames;
    private final int channels;

    private ImageFolderSource(Path folder, List<Path> files, int[] labels, List<String> classNames, int channels) {
        this.folder = folder;
        this.files = files;
        this.labels = labels;
        this.classNames = classNames;
        this.channels = channels;
    }

    public static ImageFolderSource open(Path folder, int channels) throws IOException {
        if (channels != 1 && channels != 3)
            throw new IllegalArgumentException(folder + ": images are read with 1 or 3 channels, not " + channels);
        if (!Files.isDirectory(folder))
            throw new IOException(folder + ": not a folder of images");
        List<Path> direct = images(folder);
        List<Path> files = new ArrayList<>(direct);
        List<String> classes = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        if (direct.isEmpty()) {
            try (Stream<Path> s = Files.list(folder)) {
                for (Path sub : s.filter(Files::isDirectory).sorted().toList()) {
                    List<Path> imgs = images(sub);
                    if (imgs.isEmpty())
                        continue;
                    classes.add(sub.getFileName().toString());
                    for (Path p : imgs) {
                        files.add(p);
                        labels.add(classes.size() - 1);
                    }
                }
            }
        }
        if (files.isEmpty())
            throw new IOException(folder + ": no .png or .jpg images (directly or in class sub-folders)");
        return new ImageFolderSource(folder, files, classes.isEmpty() ? null : labels.stream().mapToInt(Integer::intValue).toArray(),
                classes, channels);
    }

    private static List<Path> images(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).filter(p -> {
                String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                return n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg");
            }).sorted().toList();
        }
    }

    public Path folder() {
        return folder;
    }

    public Path file(int index) {
        return files.get(index);
    }

    public List<String> classNames() {
        return classNames;
    }

    @Override
    public int size() {
        return files.size();
    }

    @Override
    public Example get(int index) {
        Path f = files.get(index);
        BufferedImage img;
        try {
            img = ImageIO.read(f.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(new IOException(f + ": unreadable image: " + e.getMessage(), e));
        }
        if (img == null)
            throw new UncheckedIOException(new IOException(f + ": not a PNG/JPEG image ImageIO can decode"));
        int h = img.getHeight(), w = img.getWidth();
        float[] v = new float[channels * h * w];
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++) {
                int rgb = img.getRGB(x, y);
                float r = ((rgb >> 16) & 0xff) / 255f, g = ((rgb >> 8) & 0xff) / 255f, b = (rgb & 0xff) / 255f;
                if (channels == 1) {
                    v[y * w + x] = 0.299f * r + 0.587f * g + 0.114f * b;
                } else {
                    v[y * w + x] = r;
                    v[h * w + y * w + x] = g;
                    v[2 * h * w + y * w + x] = b;
                }
            }
        INDArray label = null;
        if (labels != null) {
            label = Nd4j.zeros(DataType.FLOAT, classNames.size());
            label.putScalar(labels[index], 1f);
        }
        return new Example(Nd4j.create(v, new long[] {channels, h, w}, 'c'), label);
    }

    @Override
    public int label(int index) {
        if (labels == null)
            throw new IllegalStateException(folder + ": no class sub-folders, so no labels");
        return labels[index];
    }
}
