package convbench.face;

import convbench.core.data.ArraySource;
import convbench.core.data.Example;
import convbench.dl4j.Nd4jContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Every face of the photos under a folder (or of one photo), detected, aligned to dlib's 150x150 chip and made into
 * the recognition net's input: the examples the Unit Explorer scans for the face encoder. Photos without a face are
 * listed, not fatal; a folder with no face at all is.
 */
public final class AlignedFaces {
    /** The examples ([3, 150, 150] each), their names ("person/photo.jpg, face 2 of 3") and the photos skipped. */
    public record Loaded(ArraySource examples, List<String> names, List<String> skipped) {
    }

    @FunctionalInterface
    public interface Progress {
        void report(int done, int total, String message);
    }

    private AlignedFaces() {
    }

    /** The images under {@code root} (any depth, sorted), or {@code root} itself when it is an image. */
    public static List<Path> photos(Path root) throws FaceException {
        if (Files.isRegularFile(root))
            return List.of(root);
        if (!Files.isDirectory(root))
            throw new FaceException(root + ": no such folder or image");
        try (Stream<Path> s = Files.walk(root, 8, java.nio.file.FileVisitOption.FOLLOW_LINKS)) {
            List<Path> out = s.filter(Files::isRegularFile).filter(AlignedFaces::isImage).sorted().toList();
            if (out.isEmpty())
                throw new FaceException(root + ": no .jpg, .jpeg or .png image in the folder or below it");
            return out;
        } catch (IOException e) {
            throw new FaceException(root + ": cannot list the images: " + e.getMessage(), e);
        }
    }

    static boolean isImage(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".jpg") || n.endsWith(".jpeg") || n.endsWith(".png");
    }

    public static Loaded load(FaceAnalyzer analyzer, Path root, Progress progress, BooleanSupplier cancelled) throws FaceException {
        List<Path> photos = photos(root);
        List<Example> examples = new ArrayList<>();
        List<String> names = new ArrayList<>(), skipped = new ArrayList<>();
        int done = 0;
        for (Path photo : photos) {
            if (cancelled.getAsBoolean())
                throw new CancellationException("cancelled while aligning the faces of " + photo);
            String rel = Files.isDirectory(root) ? root.relativize(photo).toString() : photo.getFileName().toString();
            progress.report(done++, photos.size(), "aligning the faces of " + rel);
            List<RgbImage> chips = new ArrayList<>();
            try {
                RgbImage img = RgbImage.read(photo);
                for (FaceBox box : analyzer.detect(img))
                    chips.add(analyzer.chip(img, analyzer.landmarks(img, box), box, Alignment.DLIB_CHIP));
            } catch (FaceException e) {
                skipped.add(rel + ": " + e.getMessage());
                continue;
            }
            if (chips.isEmpty())
                skipped.add(rel + ": no face found");
            for (int k = 0; k < chips.size(); k++) {
                float[] chw = FaceRecognitionNet.input(chips.get(k));
                examples.add(Nd4jContext.call(() -> Example.unlabelled(Nd4j.create(chw, new long[] {3, FaceRecognitionNet.SIZE,
                        FaceRecognitionNet.SIZE}, 'c'))));
                names.add(chips.size() == 1 ? rel : rel + ", face " + (k + 1) + " of " + chips.size());
            }
        }
        progress.report(photos.size(), photos.size(), examples.size() + " faces from " + (photos.size() - skipped.size()) + " photos");
        if (examples.isEmpty())
            throw new FaceException(root + ": no face found in any of its " + photos.size() + " image(s)");
        return new Loaded(new ArraySource(examples), List.copyOf(names), List.copyOf(skipped));
    }
}
