package convbench.face.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import convbench.cli.api.CliArgs;
import convbench.cli.api.CliCommand;
import convbench.cli.api.CliException;
import convbench.cli.api.CliProgress;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code face} CLI twins end to end on the fixtures: JSON shapes and the bad-input messages. */
class FaceCommandsTest {
    private static final Path FACES = Path.of(System.getProperty("convbench.shared.data", "../../../shared/data"),
            "faces/face_recognition/examples");

    @SuppressWarnings("unchecked")
    private static Map<String, Object> run(CliCommand c, String... words) throws Exception {
        List<String> w = new ArrayList<>(List.of(words));
        w.add("--json");
        return (Map<String, Object>) c.run(CliArgs.parse(w, Set.of("json", "overwrite")), CliProgress.NONE).json();
    }

    private static String img(String relative) {
        return FACES.resolve(relative).toString();
    }

    @Test
    void enrolVerifyIdentifyAndManage(@TempDir Path dir) throws Exception {
        String db = dir.resolve("faces.json").toString();
        Map<String, Object> e = run(new FaceEnrolCommand(), "--db", db, "--identity", "Barack Obama", "--image",
                img("knn_examples/train/obama/obama.jpg"));
        assertEquals("Barack Obama", e.get("identity"));
        assertEquals(1, e.get("embeddings"));
        run(new FaceEnrolCommand(), "--db", db, "--identity", "Joe Biden", "--image", img("knn_examples/train/biden/biden.jpg"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of(db))));

        Map<String, Object> same = run(new FaceVerifyCommand(), "--db", db, "--identity", "Barack Obama", "--image",
                img("knn_examples/train/obama/obama2.jpg"));
        System.out.println("verify Obama on obama2.jpg: " + same);
        assertEquals(true, same.get("same"));
        assertEquals(0.36, (double) same.get("threshold"), 1e-9);
        assertTrue((double) same.get("distance") < 0.36);
        assertEquals("squared-euclidean", same.get("metric"));
        Map<String, Object> other = run(new FaceVerifyCommand(), "--db", db, "--identity", "Joe Biden",
                "--euclidean-threshold", "0.6", "--image", img("knn_examples/train/obama/obama2.jpg"));
        assertEquals(false, other.get("same"));

        Path labelled = dir.resolve("labelled.png");
        Map<String, Object> id = run(new FaceIdentifyCommand(), "--db", db, "--image",
                img("knn_examples/test/obama_and_biden.jpg"), "--output", labelled.toString());
        System.out.println("identify obama_and_biden.jpg: " + id);
        List<?> faces = (List<?>) id.get("faces");
        List<String> who = new ArrayList<>();
        for (Object f : faces) {
            Map<?, ?> m = (Map<?, ?>) f;
            assertEquals(4, ((double[]) m.get("box")).length);
            who.add((String) m.get("identity"));
        }
        assertEquals(List.of("Barack Obama", "Joe Biden"), who.stream().sorted().toList());
        BufferedImage drawn = ImageIO.read(labelled.toFile());
        assertEquals(2000, drawn.getWidth());

        Path export = dir.resolve("export.json");
        Map<String, Object> listed = run(new FaceDbCommand(), "--db", db, "--export", export.toString());
        assertEquals(2, ((List<?>) listed.get("persons")).size());
        Map<String, Object> removed = run(new FaceDbCommand(), "--db", db, "--remove", "Joe Biden");
        assertEquals(1, ((List<?>) removed.get("persons")).size());
        Map<String, Object> imported = run(new FaceDbCommand(), "--db", db, "--import", export.toString());
        assertEquals(2, imported.get("imported"));
    }

    @Test
    void detectAndEmbed() throws Exception {
        Map<String, Object> d = run(new FaceDetectCommand(), "--image", img("two_people.jpg"));
        List<?> faces = (List<?>) d.get("faces");
        assertEquals(2, faces.size());
        assertEquals(136, ((double[]) ((Map<?, ?>) faces.get(0)).get("landmarks")).length);
        Map<String, Object> e = run(new FaceEmbedCommand(), "--image", img("obama_small.jpg"));
        assertEquals(128, ((float[]) e.get("embedding")).length);
        assertFalse(e.containsKey("note"));
    }

    @Test
    void badInputGetsClearMessages(@TempDir Path dir) throws Exception {
        String db = dir.resolve("faces.json").toString();
        // several faces where one is expected: the largest is used and the result says so
        Map<String, Object> e = run(new FaceEnrolCommand(), "--db", db, "--identity", "Kit Harington", "--image",
                img("knn_examples/test/kit_with_rose.jpg"));
        assertTrue(((String) e.get("note")).contains("2 faces found") && ((String) e.get("note")).contains("using the largest"),
                (String) e.get("note"));

        CliException unknown = assertThrows(CliException.class, () -> run(new FaceVerifyCommand(), "--db", db,
                "--identity", "Rose Leslie", "--image", img("obama_small.jpg")));
        assertTrue(unknown.getMessage().contains("unknown identity 'Rose Leslie'"), unknown.getMessage());

        Path blank = dir.resolve("blank.png");
        BufferedImage grey = new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 240; y++)
            for (int x = 0; x < 320; x++)
                grey.setRGB(x, y, 0x808080);
        ImageIO.write(grey, "png", blank.toFile());
        CliException none = assertThrows(CliException.class, () -> run(new FaceVerifyCommand(), "--db", db,
                "--identity", "Kit Harington", "--image", blank.toString()));
        assertTrue(none.getMessage().startsWith("no face found in"), none.getMessage());

        Path notImage = dir.resolve("notes.jpg");
        Files.writeString(notImage, "not a JPEG");
        CliException unreadable = assertThrows(CliException.class, () -> run(new FaceEmbedCommand(), "--image",
                notImage.toString()));
        assertTrue(unreadable.getMessage().startsWith("unreadable image"), unreadable.getMessage());

        CliException noDb = assertThrows(CliException.class, () -> run(new FaceIdentifyCommand(), "--db",
                dir.resolve("none.json").toString(), "--image", img("obama_small.jpg")));
        assertTrue(noDb.getMessage().contains("no face database at"), noDb.getMessage());
    }
}
