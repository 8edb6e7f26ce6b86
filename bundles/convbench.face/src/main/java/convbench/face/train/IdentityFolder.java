package convbench.face.train;

import convbench.face.Alignment;
import convbench.face.FaceAnalyzer;
import convbench.face.FaceException;
import convbench.face.RgbImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * A folder-per-identity face set (LFW's layout: {@code root/<person>/<images>}) turned into precomputed embeddings:
 * every photo's largest face is detected, aligned to a 150x150 chip (dlib's chip alignment), augmented
 * ({@link ChipAugmenter}) and embedded by the frozen dlib ResNet (or reduced to pixels, {@link FaceFeatures}). Photos without a face are skipped and listed.
 */
public final class IdentityFolder {
    /** The embeddings and the photos that gave none (with the reason). */
    public record Loaded(EmbeddingSet set, List<String> skipped) {
    }

    /** Progress of the embedding pass: photos done of photos in all. */
    @FunctionalInterface
    public interface Progress {
        void report(int done, int total, String message);
    }

    private IdentityFolder() {
    }

    /** The identity folders (sorted) and their images (sorted by name). */
    public static List<List<Path>> scan(Path root, List<String> names) throws FaceException {
        if (!Files.isDirectory(root))
            throw new FaceException(root + ": not a folder (expected one sub-folder of photos per person, as LFW)");
        List<List<Path>> photos = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path d : dirs.filter(Files::isDirectory).sorted().toList()) {
                List<Path> imgs;
                try (Stream<Path> s = Files.list(d)) {
                    imgs = s.filter(Files::isRegularFile).filter(IdentityFolder::isImage).sorted().toList();
                }
                if (imgs.isEmpty())
                    continue;
                names.add(d.getFileName().toString());
                photos.add(imgs);
            }
        } catch (IOException e) {
            throw new FaceException(root + ": cannot list the identity folders: " + e.getMessage(), e);
        }
        if (photos.size() < 2)
            throw new FaceException(root + ": " + photos.size() + " identity folder(s) with images; at least two people are"
                    + " needed (root/<person>/<images>, as LFW)");
        return photos;
    }

    static boolean isImage(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".jpg") || n.endsWith(".jpeg") || n.endsWith(".png");
    }

    /**
     * @param augmentations chips per photo, 1 = the aligned chip only ({@link ChipAugmenter#first})
     * @param input {@link FaceFeatures#DLIB}, {@link FaceFeatures#MIDDLE} or {@link FaceFeatures#PIXELS}
     */
    public static Loaded embed(Path root, FaceAnalyzer analyzer, String input, int augmentations, Progress progress,
            BooleanSupplier cancelled) throws FaceException {
        List<ChipAugmenter.Variant> variants = ChipAugmenter.first(augmentations);
        List<String> names = new ArrayList<>();
        List<List<Path>> photos = scan(root, names);
        int total = photos.stream().mapToInt(List::size).sum(), done = 0;
        List<float[]> rows = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        List<String> sources = new ArrayList<>(), augs = new ArrayList<>(), skipped = new ArrayList<>();
        for (int id = 0; id < photos.size(); id++)
            for (Path photo : photos.get(id)) {
                if (cancelled.getAsBoolean())
                    throw new CancellationException("cancelled while embedding " + photo);
                String rel = root.relativize(photo).toString();
                progress.report(done++, total, "embedding " + rel);
                RgbImage chip;
                try {
                    chip = analyzer.single(RgbImage.read(photo), rel, Alignment.DLIB_CHIP).face().chip();
                } catch (FaceException e) {
                    skipped.add(rel + ": " + e.getMessage());
                    continue;
                }
                RgbImage[] chips = variants.stream().map(v -> ChipAugmenter.apply(chip, v)).toArray(RgbImage[]::new);
                float[][] e = FaceFeatures.of(input, analyzer, chips);
                for (int k = 0; k < e.length; k++) {
                    rows.add(e[k]);
                    labels.add(id);
                    sources.add(rel);
                    augs.add(variants.get(k).name());
                }
            }
        progress.report(total, total, "embedded " + rows.size() + " chips of " + (total - skipped.size()) + " photos");
        if (rows.isEmpty())
            throw new FaceException(root + ": no face found in any photo");
        return new Loaded(new EmbeddingSet(input, List.copyOf(names), rows.toArray(float[][]::new),
                labels.stream().mapToInt(Integer::intValue).toArray(), sources.toArray(String[]::new),
                augs.toArray(String[]::new)), skipped);
    }
}
