package convbench.core.spec;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonDeserializer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** JSON reading and writing of {@link ModelSpec}s; {@code "kernel": 3} is accepted for {@code [3]}. */
public final class SpecJson {
    private static final Gson GSON = new GsonBuilder()
            .registerTypeAdapter(int[].class, (JsonDeserializer<int[]>) (json, type, ctx) -> {
                if (json.isJsonPrimitive())
                    return new int[] {json.getAsInt()};
                JsonArray a = json.getAsJsonArray();
                int[] v = new int[a.size()];
                for (int i = 0; i < v.length; i++)
                    v[i] = a.get(i).getAsInt();
                return v;
            })
            .setPrettyPrinting()
            .create();

    private SpecJson() {
    }

    public static Gson gson() {
        return GSON;
    }

    public static String toJson(ModelSpec spec) {
        return GSON.toJson(spec);
    }

    public static JsonElement toTree(ModelSpec spec) {
        return GSON.toJsonTree(spec);
    }

    public static ModelSpec fromJson(String json) {
        return fromJson(json, "model spec");
    }

    /** @param source named in errors, e.g. the file */
    public static ModelSpec fromJson(String json, String source) {
        ModelSpec spec;
        try {
            spec = GSON.fromJson(json, ModelSpec.class);
        } catch (JsonParseException | IllegalStateException | NumberFormatException e) {
            throw new SpecException(source + ": not a valid model spec: " + e.getMessage(), e);
        }
        if (spec == null)
            throw new SpecException(source + ": empty model spec");
        return spec;
    }

    public static ModelSpec fromTree(JsonElement tree) {
        return GSON.fromJson(tree, ModelSpec.class);
    }

    /** Reads a spec file; errors name the file. Layer errors are reported later, by {@link SpecShapes}. */
    public static ModelSpec read(Path file) throws IOException {
        return fromJson(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    static <T> T copy(T value) {
        @SuppressWarnings("unchecked")
        Class<T> type = (Class<T>) value.getClass();
        return GSON.fromJson(GSON.toJsonTree(value), type);
    }
}
