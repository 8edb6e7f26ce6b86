package convbench.face;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The recognition database: K persons, each with one or more 128-d embeddings (never images: the seed's "precompute
 * the embeddings"). One-shot enrolment adds a person or an embedding with no retraining. Distances are squared
 * Euclidean, d = ||f(x1) - f(x2)||^2 (the seed's); a person's distance is the smallest over their embeddings.
 * Saved as JSON atomically (temporary file, then rename) with file mode 0600. Not thread-safe.
 */
public final class FaceDatabase {
    public static final String FORMAT = "convbench.face.db";
    public static final String METRIC = "squared-euclidean";
    public static final String METRIC_TEXT = "d = ||f(x1) - f(x2)||^2 (squared Euclidean distance of 128-d embeddings)";
    /** dlib's customary threshold on the plain Euclidean distance. */
    public static final double DLIB_EUCLIDEAN_THRESHOLD = 0.6;
    /** The default tau on d (squared): 0.6^2 = 0.36, i.e. dlib's 0.6 on the plain distance. */
    public static final double DEFAULT_THRESHOLD = DLIB_EUCLIDEAN_THRESHOLD * DLIB_EUCLIDEAN_THRESHOLD;

    private final Map<String, List<float[]>> persons = new LinkedHashMap<>();
    private String alignment;

    /** An empty database. */
    public FaceDatabase() {
    }

    public record Match(String identity, double distance) {
    }

    /** Squared Euclidean distance of two embeddings. */
    public static double distance(float[] a, float[] b) {
        if (a.length != b.length)
            throw new IllegalArgumentException("embeddings of different sizes: " + a.length + " and " + b.length);
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            s += d * d;
        }
        return s;
    }

    /** Adds one embedding of {@code identity} (a new person when not there yet); returns the person's count. */
    public int enrol(String identity, float[] embedding, Alignment made) throws FaceException {
        String id = checkIdentity(identity);
        if (embedding.length != FaceRecognitionNet.DIMENSIONS)
            throw new IllegalArgumentException("expected a " + FaceRecognitionNet.DIMENSIONS + "-d embedding, got " + embedding.length);
        checkAlignment(made.id(), "this embedding");
        alignment = made.id();
        List<float[]> list = persons.computeIfAbsent(id, k -> new ArrayList<>());
        list.add(embedding.clone());
        return list.size();
    }

    private void checkAlignment(String other, String what) throws FaceException {
        if (alignment != null && other != null && !alignment.equals(other))
            throw new FaceException("the database holds embeddings of " + alignment + " faces; " + what + " was made with "
                    + other + ": embeddings of different alignments are not comparable");
    }

    private static String checkIdentity(String identity) throws FaceException {
        String id = identity == null ? "" : identity.strip();
        if (id.isEmpty() || id.length() > 200 || id.equals("unknown"))
            throw new FaceException("identity must be 1-200 characters and not 'unknown', got '" + identity + "'");
        return id;
    }

    public boolean remove(String identity) {
        return persons.remove(identity) != null;
    }

    public Set<String> identities() {
        return Collections.unmodifiableSet(persons.keySet());
    }

    public boolean contains(String identity) {
        return persons.containsKey(identity);
    }

    /** How many embeddings {@code identity} has (0 when not enrolled). */
    public int embeddings(String identity) {
        List<float[]> l = persons.get(identity);
        return l == null ? 0 : l.size();
    }

    public int size() {
        return persons.size();
    }

    /** The alignment the embeddings were made with ({@link Alignment#id()}), null while empty. */
    public String alignment() {
        return alignment;
    }

    /** {@code identity}'s distance to the embedding; an identity not enrolled is a {@link FaceException}. */
    public double distance(String identity, float[] embedding) throws FaceException {
        List<float[]> list = persons.get(identity);
        if (list == null)
            throw new FaceException("unknown identity '" + identity + "': not in the database"
                    + (persons.isEmpty() ? " (it is empty; enrol someone first)" : " (enrolled: " + String.join(", ", persons.keySet()) + ")"));
        return list.stream().mapToDouble(e -> distance(e, embedding)).min().orElseThrow();
    }

    /** The nearest person and distance, or null for an empty database. */
    public Match nearest(float[] embedding) {
        Match best = null;
        for (Map.Entry<String, List<float[]>> p : persons.entrySet())
            for (float[] e : p.getValue()) {
                double d = distance(e, embedding);
                if (best == null || d < best.distance())
                    best = new Match(p.getKey(), d);
            }
        return best;
    }

    // ---- files ----

    /** Reads a database file; a missing or malformed file is a {@link FaceException} naming it. */
    public static FaceDatabase load(Path file) throws FaceException {
        if (!Files.isRegularFile(file))
            throw new FaceException("no face database at " + file + " (enrol a person first: face enrol --db " + file + ")");
        FaceDatabase db = new FaceDatabase();
        db.merge(file);
        return db;
    }

    /** The database at {@code file}, or an empty one when the file does not exist yet. */
    public static FaceDatabase loadOrCreate(Path file) throws FaceException {
        return Files.exists(file) ? load(file) : new FaceDatabase();
    }

    /** Adds every person and embedding of another database file (export of another machine); returns how many embeddings. */
    public int importFrom(Path file) throws FaceException {
        if (!Files.isRegularFile(file))
            throw new FaceException("cannot import " + file + ": no such file");
        return merge(file);
    }

    private int merge(Path file) throws FaceException {
        JsonObject root;
        try {
            JsonElement e = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8));
            if (!e.isJsonObject() || !e.getAsJsonObject().has("format") || !FORMAT.equals(e.getAsJsonObject().get("format").getAsString()))
                throw new FaceException(file + ": not a ConvBench face database (\"format\": \"" + FORMAT + "\" missing)");
            root = e.getAsJsonObject();
        } catch (IOException e) {
            throw new FaceException("cannot read face database " + file + ": " + e.getMessage(), e);
        } catch (JsonParseException | IllegalStateException e) {
            throw new FaceException(file + ": face database is not valid JSON: " + e.getMessage(), e);
        }
        String theirs = root.has("alignment") ? root.get("alignment").getAsString() : null;
        checkAlignment(theirs, file.toString());
        int added = 0;
        try {
            for (JsonElement p : root.getAsJsonArray("persons")) {
                JsonObject person = p.getAsJsonObject();
                String id = checkIdentity(person.get("identity").getAsString());
                for (JsonElement row : person.getAsJsonArray("embeddings")) {
                    JsonArray a = row.getAsJsonArray();
                    if (a.size() != FaceRecognitionNet.DIMENSIONS)
                        throw new FaceException(file + ": " + id + " has an embedding of " + a.size() + " values, expected "
                                + FaceRecognitionNet.DIMENSIONS);
                    float[] v = new float[a.size()];
                    for (int i = 0; i < v.length; i++)
                        v[i] = a.get(i).getAsFloat();
                    persons.computeIfAbsent(id, k -> new ArrayList<>()).add(v);
                    added++;
                }
            }
        } catch (RuntimeException e) {
            throw new FaceException(file + ": malformed face database: " + e.getMessage(), e);
        }
        if (theirs != null && added > 0)
            alignment = theirs;
        return added;
    }

    /** Writes the database (also the export format) atomically with mode 0600. */
    public void save(Path file) throws FaceException {
        JsonObject root = new JsonObject();
        root.addProperty("format", FORMAT);
        root.addProperty("version", 1);
        root.addProperty("model", FaceModels.PACKAGE + " " + FaceModels.VERSION + " face_recognition_model (dlib ResNet, 128-d)");
        root.addProperty("metric", METRIC);
        if (alignment != null)
            root.addProperty("alignment", alignment);
        JsonArray list = new JsonArray();
        for (Map.Entry<String, List<float[]>> p : persons.entrySet()) {
            JsonObject person = new JsonObject();
            person.addProperty("identity", p.getKey());
            JsonArray rows = new JsonArray();
            for (float[] e : p.getValue()) {
                JsonArray row = new JsonArray();
                for (float v : e)
                    row.add(v);
                rows.add(row);
            }
            person.add("embeddings", rows);
            list.add(person);
        }
        root.add("persons", list);
        Gson gson = new GsonBuilder().create();
        try {
            writePrivateAtomically(file, gson.toJson(root).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new FaceException("cannot save face database " + file + ": " + e.getMessage(), e);
        }
    }

    /** Temporary file created 0600 beside the target, flushed, renamed over it: never a half file, never world-readable. */
    private static void writePrivateAtomically(Path target, byte[] bytes) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        Path temp = posix
                ? Files.createTempFile(dir, "." + target.getFileName(), ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                : Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(temp, StandardOpenOption.WRITE)) {
                out.write(bytes);
            }
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
    }
}
