package convbench.face;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The database file: embeddings only, mode 0600, atomic replace, export/import, clear errors. No networks needed. */
class FaceDatabaseTest {
    private static float[] embedding(long seed) {
        Random r = new Random(seed);
        float[] e = new float[FaceRecognitionNet.DIMENSIONS];
        for (int i = 0; i < e.length; i++)
            e[i] = (float) (r.nextGaussian() * 0.09);
        return e;
    }

    @Test
    void savesPrivatelyAndAtomicallyAndRoundTrips(@TempDir Path dir) throws Exception {
        FaceDatabase db = new FaceDatabase();
        assertEquals(1, db.enrol("Ada", embedding(1), Alignment.DLIB_CHIP));
        assertEquals(2, db.enrol("Ada", embedding(2), Alignment.DLIB_CHIP));
        assertEquals(1, db.enrol("Grace", embedding(3), Alignment.DLIB_CHIP));
        Path file = dir.resolve("faces.json");
        Files.writeString(file, "old content");
        db.save(file);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left beside the database");
        }
        String json = Files.readString(file);
        assertTrue(json.contains("\"metric\":\"squared-euclidean\"") && !json.contains("image"), json.substring(0, 200));

        FaceDatabase back = FaceDatabase.load(file);
        assertEquals(2, back.size());
        assertEquals(2, back.embeddings("Ada"));
        assertEquals(0, back.distance("Ada", embedding(2)), 1e-12);
        assertEquals("Grace", back.nearest(embedding(3)).identity());
        assertEquals("dlib-chip", back.alignment());
    }

    @Test
    void distanceIsSquaredEuclidean() {
        float[] a = new float[128], b = new float[128];
        b[0] = 0.3f;
        b[1] = 0.4f;
        assertEquals(0.25, FaceDatabase.distance(a, b), 1e-7); // 0.5^2
        assertEquals(0.36, FaceDatabase.DEFAULT_THRESHOLD, 1e-12);
    }

    @Test
    void exportImportMergesPersons(@TempDir Path dir) throws Exception {
        FaceDatabase one = new FaceDatabase();
        one.enrol("Ada", embedding(1), Alignment.DLIB_CHIP);
        Path export = dir.resolve("export.json");
        one.save(export);
        FaceDatabase two = new FaceDatabase();
        two.enrol("Grace", embedding(3), Alignment.DLIB_CHIP);
        assertEquals(1, two.importFrom(export));
        assertEquals(2, two.size());
        assertTrue(two.contains("Ada"));
        assertTrue(two.remove("Ada"));
        assertFalse(two.contains("Ada"));
    }

    @Test
    void badInputIsAClearError(@TempDir Path dir) throws Exception {
        FaceDatabase db = new FaceDatabase();
        FaceException empty = assertThrows(FaceException.class, () -> db.distance("Nobody", embedding(1)));
        assertTrue(empty.getMessage().contains("unknown identity 'Nobody'"), empty.getMessage());
        db.enrol("Ada", embedding(1), Alignment.DLIB_CHIP);
        FaceException unknown = assertThrows(FaceException.class, () -> db.distance("Nobody", embedding(1)));
        assertTrue(unknown.getMessage().contains("enrolled: Ada"), unknown.getMessage());
        assertThrows(FaceException.class, () -> db.enrol("unknown", embedding(2), Alignment.DLIB_CHIP));
        assertThrows(FaceException.class, () -> db.enrol("Ada", embedding(2), Alignment.FACEAPI_BOX));

        FaceException missing = assertThrows(FaceException.class, () -> FaceDatabase.load(dir.resolve("none.json")));
        assertTrue(missing.getMessage().contains("no face database at"), missing.getMessage());
        Path junk = dir.resolve("junk.json");
        Files.writeString(junk, "{\"persons\": []}");
        FaceException notOurs = assertThrows(FaceException.class, () -> FaceDatabase.load(junk));
        assertTrue(notOurs.getMessage().contains("not a ConvBench face database"), notOurs.getMessage());
    }
}
