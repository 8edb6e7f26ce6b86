package convbench.core.model;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A ConvBench model file: one zip that is a DL4J {@link ModelSerializer} file (configuration, coefficients, optional
 * updater state) with {@code convbench/metadata.json} and optional extra entries ({@code convbench/<name>}, e.g. a
 * trainer's checkpoint state) added. Written atomically; DL4J alone can still restore the network from it.
 */
public final class ModelFile {
    public static final String METADATA = "convbench/metadata.json";
    private static final String EXTRA = "convbench/";
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create();

    private ModelFile() {
    }

    public static Gson gson() {
        return GSON;
    }

    public static void save(Path file, Model net, ModelMetadata metadata) throws IOException {
        save(file, net, metadata, false, Map.of());
    }

    /**
     * @param saveUpdater keep the optimiser state (needed to resume training)
     * @param extras more entries, stored as {@code convbench/<key>}
     */
    public static void save(Path file, Model net, ModelMetadata metadata, boolean saveUpdater, Map<String, byte[]> extras)
            throws IOException {
        metadata.networkType(Networks.type(net)).libraries(libraryVersions());
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path dl4j = Files.createTempFile(dir, "." + file.getFileName(), ".dl4j");
        try {
            ModelSerializer.writeModel(net, dl4j.toFile(), saveUpdater);
            AtomicFiles.write(file, out -> copyWithMetadata(dl4j, out, metadata, extras));
        } finally {
            Files.deleteIfExists(dl4j);
        }
    }

    private static void copyWithMetadata(Path dl4j, OutputStream out, ModelMetadata metadata, Map<String, byte[]> extras)
            throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out);
        try (ZipFile in = new ZipFile(dl4j.toFile())) {
            Enumeration<? extends ZipEntry> entries = in.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                zip.putNextEntry(new ZipEntry(e.getName()));
                try (InputStream is = in.getInputStream(e)) {
                    is.transferTo(zip);
                }
                zip.closeEntry();
            }
        }
        zip.putNextEntry(new ZipEntry(METADATA));
        zip.write(GSON.toJson(metadata).getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
        for (Map.Entry<String, byte[]> e : extras.entrySet()) {
            zip.putNextEntry(new ZipEntry(EXTRA + e.getKey()));
            zip.write(e.getValue());
            zip.closeEntry();
        }
        zip.finish();
    }

    public static LoadedModel load(Path file) throws IOException {
        return load(file, false);
    }

    /** @param loadUpdater restore the optimiser state too (resuming training) */
    public static LoadedModel load(Path file, boolean loadUpdater) throws IOException {
        ModelMetadata metadata = readMetadata(file);
        Model net;
        try {
            net = Networks.GRAPH.equals(metadata.networkType())
                    ? ModelSerializer.restoreComputationGraph(file.toFile(), loadUpdater)
                    : ModelSerializer.restoreMultiLayerNetwork(file.toFile(), loadUpdater);
        } catch (IOException | RuntimeException e) {
            throw new IOException(file + ": the network could not be restored: " + e.getMessage(), e);
        }
        return new LoadedModel(file, net, metadata);
    }

    public static ModelMetadata readMetadata(Path file) throws IOException {
        byte[] json = readExtraEntry(file, METADATA);
        if (json == null)
            throw new IOException(file + ": not a ConvBench model file (no " + METADATA + " inside)");
        try {
            ModelMetadata m = GSON.fromJson(new String(json, StandardCharsets.UTF_8), ModelMetadata.class);
            if (m == null || m.inputShape() == null)
                throw new IOException(file + ": " + METADATA + " has no input shape");
            return m;
        } catch (JsonParseException e) {
            throw new IOException(file + ": " + METADATA + " is not valid JSON: " + e.getMessage(), e);
        }
    }

    /** An extra entry saved with {@link #save(Path, Model, ModelMetadata, boolean, Map)}, or null when absent. */
    public static byte[] readExtra(Path file, String key) throws IOException {
        return readExtraEntry(file, EXTRA + key);
    }

    private static byte[] readExtraEntry(Path file, String entry) throws IOException {
        if (!Files.isRegularFile(file))
            throw new NoSuchFileException(file + ": no such model file");
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry e = zip.getEntry(entry);
            if (e == null)
                return null;
            try (InputStream in = zip.getInputStream(e)) {
                return in.readAllBytes();
            }
        } catch (ZipException e) {
            throw new IOException(file + ": not a model file (not a zip: " + e.getMessage() + ")", e);
        }
    }

    /** DL4J and ND4J versions as their jars declare them, the ND4J backend and the Java version. */
    static Map<String, String> libraryVersions() {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("deeplearning4j", mavenVersion(MultiLayerNetwork.class, "org.deeplearning4j", "deeplearning4j-nn"));
        v.put("nd4j", mavenVersion(Nd4j.class, "org.nd4j", "nd4j-api"));
        v.put("nd4jBackend", Nd4j.getBackend().getClass().getSimpleName());
        v.put("java", System.getProperty("java.version"));
        return v;
    }

    private static String mavenVersion(Class<?> anchor, String group, String artifact) {
        String resource = "META-INF/maven/" + group + "/" + artifact + "/pom.properties";
        try (InputStream in = anchor.getClassLoader().getResourceAsStream(resource)) {
            if (in == null)
                return "unknown";
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
