package convbench.core.importer;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The weights of a TensorFlow.js model: a weights manifest (the {@code weightsManifest} of a {@code model.json},
 * or a bare {@code *-weights_manifest.json} array as face-api ships) and its binary shards, decoded to float32.
 * <p>
 * Each manifest group lists shard files that, concatenated, hold the group's weights back to back in manifest
 * order. Stored types: float32, int32, bool, float16, and quantised uint8/uint16 where value = q * scale + min.
 * Values keep TensorFlow's layout (row-major, Keras kernel shapes); {@link KernelLayout} converts them for DL4J.
 */
public final class WeightManifest {
    private final Path file;
    private final Map<String, NamedWeight> weights;

    private WeightManifest(Path file, Map<String, NamedWeight> weights) {
        this.file = file;
        this.weights = Collections.unmodifiableMap(weights);
    }

    /** Reads a {@code model.json} (its {@code weightsManifest}) or a bare weights manifest, and all its shards. */
    public static WeightManifest read(Path manifestOrModelJson) throws ModelImportException {
        JsonElement root;
        try {
            root = JsonParser.parseString(Files.readString(manifestOrModelJson));
        } catch (IOException e) {
            throw new ModelImportException(manifestOrModelJson, "cannot read: " + e, e);
        } catch (JsonParseException e) {
            throw new ModelImportException(manifestOrModelJson, "not valid JSON: " + e.getMessage(), e);
        }
        JsonElement groups = root.isJsonObject() ? root.getAsJsonObject().get("weightsManifest") : root;
        if (groups == null || !groups.isJsonArray())
            throw new ModelImportException(manifestOrModelJson,
                    "no weights manifest (expected a 'weightsManifest' array or a bare manifest array)");
        return fromManifest(manifestOrModelJson, groups.getAsJsonArray());
    }

    /** Decodes the manifest groups; shard paths are relative to {@code file}'s folder. */
    static WeightManifest fromManifest(Path file, JsonArray groups) throws ModelImportException {
        Path folder = file.toAbsolutePath().getParent();
        Map<String, NamedWeight> out = new LinkedHashMap<>();
        for (JsonElement g : groups) {
            JsonObject group = g.getAsJsonObject();
            List<Path> shards = new ArrayList<>();
            for (JsonElement p : requireArray(file, group, "paths")) {
                Path shard = folder.resolve(p.getAsString());
                if (!Files.isRegularFile(shard))
                    throw new ModelImportException(file, "weight shard " + shard + " listed in the manifest does not exist");
                shards.add(shard);
            }
            try (InputStream in = new BufferedInputStream(concatenated(shards), 1 << 20)) {
                for (JsonElement w : requireArray(file, group, "weights")) {
                    NamedWeight weight = decode(file, shards, w.getAsJsonObject(), in);
                    if (out.put(weight.name(), weight) != null)
                        throw new ModelImportException(file, "weight '" + weight.name() + "' appears twice in the manifest");
                }
                long extra = in.transferTo(java.io.OutputStream.nullOutputStream());
                if (extra > 0)
                    throw new ModelImportException(file, "shards " + names(shards) + " hold " + extra
                            + " bytes more than the manifest's weights: manifest and shards do not match");
            } catch (IOException e) {
                if (e instanceof ModelImportException mie)
                    throw mie;
                throw new ModelImportException(file, "cannot read shards " + names(shards) + ": " + e, e);
            }
        }
        return new WeightManifest(file, out);
    }

    private static NamedWeight decode(Path file, List<Path> shards, JsonObject spec, InputStream in)
            throws IOException {
        String name = spec.get("name").getAsString();
        JsonArray shapeJson = requireArray(file, spec, "shape");
        long[] shape = new long[shapeJson.size()];
        long count = 1;
        for (int i = 0; i < shape.length; i++) {
            shape[i] = shapeJson.get(i).getAsLong();
            count *= shape[i];
        }
        if (count > Integer.MAX_VALUE)
            throw new ModelImportException(file, "weight '" + name + "' has " + count + " values, more than one array holds");
        String dtype = spec.has("dtype") ? spec.get("dtype").getAsString() : "float32";
        JsonObject quantization = spec.has("quantization") ? spec.getAsJsonObject("quantization") : null;
        String stored = quantization != null ? quantization.get("dtype").getAsString() : dtype;
        int bytesPer = switch (stored) {
            case "float32", "int32" -> 4;
            case "float16", "uint16" -> 2;
            case "uint8", "bool" -> 1;
            default -> throw new ModelImportException(file, "weight '" + name + "' has unsupported dtype '" + stored + "'");
        };
        int n = (int) count;
        byte[] bytes = in.readNBytes(Math.multiplyExact(n, bytesPer));
        if (bytes.length < n * bytesPer)
            throw new ModelImportException(file, "shards " + names(shards) + " end inside weight '" + name
                    + "' (needs " + n * bytesPer + " bytes, " + bytes.length + " left): manifest and shards do not match");
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        float[] values = new float[n];
        if (quantization != null && (stored.equals("uint8") || stored.equals("uint16"))) {
            // affine quantisation as written by tfjs-converter: value = q * scale + min
            float scale = quantization.get("scale").getAsFloat();
            float min = quantization.get("min").getAsFloat();
            for (int i = 0; i < n; i++) {
                int q = stored.equals("uint8") ? Byte.toUnsignedInt(buf.get()) : Short.toUnsignedInt(buf.getShort());
                values[i] = q * scale + min;
            }
        } else {
            for (int i = 0; i < n; i++) {
                values[i] = switch (stored) {
                    case "float32" -> buf.getFloat();
                    case "int32" -> buf.getInt();
                    case "float16" -> Float.float16ToFloat(buf.getShort());
                    default -> buf.get() != 0 ? 1f : 0f; // bool
                };
            }
        }
        return new NamedWeight(name, shape, values, quantization != null ? stored + " quantised" : stored);
    }

    private static JsonArray requireArray(Path file, JsonObject o, String field) throws ModelImportException {
        JsonElement e = o.get(field);
        if (e == null || !e.isJsonArray())
            throw new ModelImportException(file, "manifest entry without a '" + field + "' array: " + abbreviate(o));
        return e.getAsJsonArray();
    }

    private static String abbreviate(JsonObject o) {
        String s = o.toString();
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }

    private static String names(List<Path> shards) {
        return shards.size() == 1 ? shards.get(0).getFileName().toString()
                : shards.get(0).getFileName() + " .. " + shards.get(shards.size() - 1).getFileName();
    }

    /** The shards of one group as one stream, opened one after another. */
    private static InputStream concatenated(List<Path> shards) {
        Iterator<Path> it = shards.iterator();
        return new SequenceInputStream(new java.util.Enumeration<InputStream>() {
            @Override
            public boolean hasMoreElements() {
                return it.hasNext();
            }

            @Override
            public InputStream nextElement() {
                if (!it.hasNext())
                    throw new NoSuchElementException();
                Path p = it.next();
                try {
                    return Files.newInputStream(p);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(p + ": " + e.getMessage(), e);
                }
            }
        });
    }

    /** The manifest or model.json this was read from. */
    public Path file() {
        return file;
    }

    /** All weights by manifest name (e.g. {@code conv1/kernel}), in manifest order. */
    public Map<String, NamedWeight> weights() {
        return weights;
    }

    /** The weight called {@code name}; the error lists what the manifest has when the name is wrong. */
    public NamedWeight get(String name) throws ModelImportException {
        NamedWeight w = weights.get(name);
        if (w == null) {
            List<String> similar = weights.keySet().stream()
                    .filter(k -> k.startsWith(name.split("/")[0])).limit(8).toList();
            throw new ModelImportException(file, "no weight '" + name + "' in the manifest"
                    + (similar.isEmpty() ? " (" + weights.size() + " weights)" : "; similar: " + similar));
        }
        return w;
    }
}
