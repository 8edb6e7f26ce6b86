package convbench.core.importer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The manifest reader on its own, as the face plugin uses it: bare {@code *-weights_manifest.json} arrays (the
 * face-api layout), weights spread over several shards, and every stored type tfjs-converter writes.
 */
class WeightManifestTest {
    @Test
    void bareManifestWithWeightsAcrossShardsAndAllStoredTypes(@TempDir Path dir) throws Exception {
        ByteBuffer b = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        b.putFloat(1.5f).putFloat(-2f);                                    // a: float32 [2]
        b.put((byte) 0).put((byte) 3).put((byte) 255);                     // b: uint8, q * 0.5 - 1 -> -1, 0.5, 126.5
        b.putShort((short) 2).putShort((short) 65535);                     // c: uint16, q * 0.25 + 10 -> 10.5, 16393.75
        b.putShort(Float.floatToFloat16(0.333f)).putShort(Float.floatToFloat16(-8f)); // d: float16
        b.putInt(-7);                                                      // e: int32
        b.put((byte) 1).put((byte) 0);                                     // f: bool
        byte[] all = java.util.Arrays.copyOf(b.array(), b.position());
        // tfjs-converter cuts shards at a byte count, straight through weights: split inside 'c'
        Files.write(dir.resolve("m-shard1of2"), java.util.Arrays.copyOfRange(all, 0, 12));
        Files.write(dir.resolve("m-shard2of2"), java.util.Arrays.copyOfRange(all, 12, all.length));
        Path manifest = dir.resolve("m-weights_manifest.json");
        Files.writeString(manifest, """
                [{"paths": ["m-shard1of2", "m-shard2of2"], "weights": [
                  {"name": "a", "shape": [2], "dtype": "float32"},
                  {"name": "layer/b", "shape": [3], "dtype": "float32", "quantization": {"dtype": "uint8", "scale": 0.5, "min": -1}},
                  {"name": "layer/c", "shape": [2], "dtype": "float32", "quantization": {"dtype": "uint16", "scale": 0.25, "min": 10}},
                  {"name": "d", "shape": [1, 2], "dtype": "float32", "quantization": {"dtype": "float16"}},
                  {"name": "e", "shape": [], "dtype": "int32"},
                  {"name": "f", "shape": [2], "dtype": "bool"}]}]
                """);
        WeightManifest m = WeightManifest.read(manifest);
        assertEquals(List.of("a", "layer/b", "layer/c", "d", "e", "f"), List.copyOf(m.weights().keySet()));
        assertArrayEquals(new float[] {1.5f, -2f}, m.get("a").values());
        assertArrayEquals(new float[] {-1f, 0.5f, 126.5f}, m.get("layer/b").values());
        assertEquals("b", m.get("layer/b").parameter());
        assertArrayEquals(new float[] {10.5f, 16393.75f}, m.get("layer/c").values());
        assertArrayEquals(new float[] {Float.float16ToFloat(Float.floatToFloat16(0.333f)), -8f}, m.get("d").values());
        assertArrayEquals(new long[] {1, 2}, m.get("d").shape());
        assertEquals("float16 quantised", m.get("d").storedAs());
        assertArrayEquals(new float[] {-7f}, m.get("e").values());
        assertArrayEquals(new float[] {1f, 0f}, m.get("f").values());

        ModelImportException unknown = assertThrows(ModelImportException.class, () -> m.get("layer/kernel"));
        assertTrue(unknown.getMessage().contains("no weight 'layer/kernel'") && unknown.getMessage().contains("layer/b"),
                unknown.getMessage());
    }

    @Test
    void unsupportedTypeIsNamed(@TempDir Path dir) throws Exception {
        Files.write(dir.resolve("s"), new byte[8]);
        Path manifest = dir.resolve("manifest.json");
        Files.writeString(manifest, "[{\"paths\": [\"s\"], \"weights\": [{\"name\": \"z\", \"shape\": [1], \"dtype\": \"complex64\"}]}]");
        ModelImportException e = assertThrows(ModelImportException.class, () -> WeightManifest.read(manifest));
        assertEquals(manifest + ": weight 'z' has unsupported dtype 'complex64'", e.getMessage());
    }
}
