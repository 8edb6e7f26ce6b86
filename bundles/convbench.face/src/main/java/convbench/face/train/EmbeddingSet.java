package convbench.face.train;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import convbench.core.model.AtomicFiles;
import convbench.face.FaceException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Precomputed dlib embeddings of aligned face chips with their identity (the seed: "you can precompute the
 * embeddings"): {@code input} says what a row is ({@link FaceFeatures}); row r is the chip of {@code sources[r]} (image file) under augmentation {@code augmentations[r]}.
 * Saved as JSON (atomically) so that training runs need not embed the photos again.
 */
public record EmbeddingSet(String input, List<String> identities, float[][] embeddings, int[] labels, String[] sources,
        String[] augmentations) {
    public static final String FORMAT = "convbench.face.embeddings";

    public EmbeddingSet {
        int n = embeddings.length;
        if (labels.length != n || sources.length != n || augmentations.length != n)
            throw new IllegalArgumentException("embedding set: " + n + " rows, " + labels.length + " labels, " + sources.length
                    + " sources, " + augmentations.length + " augmentation names");
        for (int l : labels)
            if (l < 0 || l >= identities.size())
                throw new IllegalArgumentException("label " + l + " outside the " + identities.size() + " identities");
    }

    public int size() {
        return embeddings.length;
    }

    public int dimensions() {
        return embeddings.length == 0 ? 0 : embeddings[0].length;
    }

    /** The rows whose identity is in {@code keep} (identity indices); identities keep their names and numbers. */
    public EmbeddingSet ofIdentities(int[] keep) {
        boolean[] in = new boolean[identities.size()];
        for (int k : keep)
            in[k] = true;
        List<Integer> rows = new ArrayList<>();
        for (int r = 0; r < labels.length; r++)
            if (in[labels[r]])
                rows.add(r);
        return rows(rows.stream().mapToInt(Integer::intValue).toArray());
    }

    public EmbeddingSet rows(int[] rows) {
        float[][] e = new float[rows.length][];
        int[] l = new int[rows.length];
        String[] s = new String[rows.length], a = new String[rows.length];
        for (int k = 0; k < rows.length; k++) {
            e[k] = embeddings[rows[k]];
            l[k] = labels[rows[k]];
            s[k] = sources[rows[k]];
            a[k] = augmentations[rows[k]];
        }
        return new EmbeddingSet(input, identities, e, l, s, a);
    }

    /** Names of the identities that have rows here. */
    public List<String> presentIdentities() {
        return Arrays.stream(labels).distinct().sorted().mapToObj(identities::get).toList();
    }

    /** Number of distinct source images of each identity (index = label). */
    public int[] photosPerIdentity() {
        int[] count = new int[identities.size()];
        List<String> seen = new ArrayList<>();
        for (int r = 0; r < labels.length; r++)
            if (!seen.contains(sources[r])) {
                seen.add(sources[r]);
                count[labels[r]]++;
            }
        return count;
    }

    private record Stored(String format, String input, List<String> identities, float[][] embeddings, int[] labels, String[] sources,
            String[] augmentations) {
    }

    public void save(Path file) throws IOException {
        AtomicFiles.writeString(file, new Gson().toJson(new Stored(FORMAT, input, identities, embeddings, labels, sources, augmentations)));
    }

    public static EmbeddingSet load(Path file) throws FaceException {
        try {
            Stored s = new Gson().fromJson(Files.readString(file), Stored.class);
            if (s == null || !FORMAT.equals(s.format()))
                throw new FaceException(file + ": not a ConvBench embedding cache");
            return new EmbeddingSet(s.input(), List.copyOf(s.identities()), s.embeddings(), s.labels(), s.sources(), s.augmentations());
        } catch (IOException | JsonParseException | IllegalArgumentException | NullPointerException e) {
            throw new FaceException(file + ": unreadable embedding cache: " + e.getMessage(), e);
        }
    }
}
