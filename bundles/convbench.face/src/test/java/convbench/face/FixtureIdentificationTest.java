package convbench.face;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Must-show 2: one photo per person enrolled (one-shot), then every other distinct photo of each person is
 * identified correctly and nobody is confused with anybody else; the group photos get both faces right and a
 * person never enrolled stays "unknown". Prints the distance table (d = squared Euclidean, tau = 0.36 = 0.6^2).
 */
class FixtureIdentificationTest {
    /** identity -> the photo enrolled (first) and the other distinct photos of the person (byte duplicates left out). */
    private static final Map<String, String[]> PHOTOS = new LinkedHashMap<>();
    static {
        PHOTOS.put("Barack Obama", new String[] {"examples/knn_examples/train/obama/obama.jpg",
                "examples/knn_examples/train/obama/obama2.jpg", "examples/knn_examples/test/obama1.jpg",
                "examples/obama_small.jpg", "examples/obama-720p.jpg", "tests/test_images/obama3.jpg"});
        PHOTOS.put("Joe Biden", new String[] {"examples/knn_examples/train/biden/biden.jpg",
                "examples/knn_examples/train/biden/biden2.jpg"});
        PHOTOS.put("Kit Harington", new String[] {"examples/knn_examples/train/kit_harington/john1.jpeg",
                "examples/knn_examples/train/kit_harington/john2.jpeg", "examples/knn_examples/test/johnsnow_test1.jpg"});
        PHOTOS.put("Rose Leslie", new String[] {"examples/knn_examples/train/rose_leslie/img1.jpg",
                "examples/knn_examples/train/rose_leslie/img2.jpg"});
        PHOTOS.put("Alex Lacamoire", new String[] {"examples/knn_examples/train/alex_lacamoire/img1.jpg",
                "examples/knn_examples/test/alex_lacamoire1.jpg", "examples/alex-lacamoire.png"});
    }

    private static FaceDatabase db;
    private static FaceRecognition rec;

    /** One-shot: the first photo of each person, nothing else, and no training. */
    @BeforeAll
    static void enrolOnePhotoPerPerson() throws Exception {
        db = new FaceDatabase();
        rec = new FaceRecognition(Fixtures.analyzer(), db);
        for (Map.Entry<String, String[]> p : PHOTOS.entrySet()) {
            String photo = p.getValue()[0];
            FaceRecognition.Enrolment e = rec.enrol(p.getKey(), RgbImage.read(Fixtures.image(photo)), photo);
            assertEquals(1, e.embeddings());
        }
        assertEquals(PHOTOS.size(), db.size());
    }

    @Test
    void oneShotEnrolmentThenEveryOtherPhotoIsIdentified() throws Exception {
        FaceAnalyzer analyzer = Fixtures.analyzer();

        List<String> names = new ArrayList<>(PHOTOS.keySet());
        StringBuilder table = new StringBuilder(String.format("%-46s", "probe \\ enrolled (d = ||f1-f2||^2, tau 0.36)"));
        for (String n : names)
            table.append(String.format("%15s", n));
        table.append(String.format("  %-15s%n", "identified"));
        List<String> problems = new ArrayList<>();
        double worstSame = 0, bestOther = Double.MAX_VALUE;
        for (Map.Entry<String, String[]> p : PHOTOS.entrySet())
            for (int i = 1; i < p.getValue().length; i++) {
                String photo = p.getValue()[i];
                FaceAnalyzer.Single s = analyzer.single(RgbImage.read(Fixtures.image(photo)), photo, Alignment.DLIB_CHIP);
                table.append(String.format("%-46s", shortName(photo)));
                for (String n : names) {
                    double d = db.distance(n, s.face().embedding());
                    table.append(String.format("%15.4f", d));
                    if (n.equals(p.getKey()))
                        worstSame = Math.max(worstSame, d);
                    else
                        bestOther = Math.min(bestOther, d);
                    if (n.equals(p.getKey()) && d > rec.threshold())
                        problems.add(photo + ": " + n + " not recognised (d " + d + ")");
                    if (!n.equals(p.getKey()) && d <= rec.threshold())
                        problems.add(photo + " (" + p.getKey() + ") confused with " + n + " (d " + d + ")");
                }
                FaceDatabase.Match m = db.nearest(s.face().embedding());
                String label = m.distance() <= rec.threshold() ? m.identity() : "unknown";
                table.append("  ").append(label).append(System.lineSeparator());
                if (!label.equals(p.getKey()))
                    problems.add(photo + " identified as " + label);
            }
        System.out.print(table);
        System.out.printf("largest same-person d %.4f, smallest other-person d %.4f, tau %.2f%n", worstSame, bestOther,
                rec.threshold());
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    /** Also writes the labelled photos to target/face-figures (figures for the report; never committed). */
    @Test
    void groupPhotosAreLabelledAndStrangersStayUnknown() throws Exception {
        Path figures = Path.of("target", "face-figures");
        Files.createDirectories(figures);
        Map<String, List<String>> expected = Map.of(
                "examples/knn_examples/test/kit_with_rose.jpg", List.of("Kit Harington", "Rose Leslie"),
                "examples/knn_examples/test/obama_and_biden.jpg", List.of("Barack Obama", "Joe Biden"),
                "examples/lin-manuel-miranda.png", List.of("unknown"));
        for (Map.Entry<String, List<String>> g : expected.entrySet()) {
            RgbImage photo = RgbImage.read(Fixtures.image(g.getKey()));
            List<FaceRecognition.Identification> ids = rec.identify(photo);
            List<String> labels = new ArrayList<>();
            for (FaceRecognition.Identification id : ids) {
                labels.add(id.identity());
                System.out.printf("%s: box %s -> %s (d %.4f, nearest %s)%n", shortName(g.getKey()),
                        java.util.Arrays.toString(id.face().box().toArray()), id.identity(), id.distance(), id.nearest());
            }
            ImageIO.write(FaceOverlay.draw(photo, ids.stream().map(FaceRecognition.Identification::face).toList(), labels,
                    true), "png", figures.resolve(Path.of(g.getKey()).getFileName() + "-labelled.png").toFile());
            assertEquals(g.getValue().stream().sorted().toList(), labels.stream().sorted().toList(), g.getKey());
        }
    }

    private static String shortName(String path) {
        return path.replace("examples/knn_examples/", "").replace("examples/", "").replace("tests/test_images/", "tests/");
    }
}
