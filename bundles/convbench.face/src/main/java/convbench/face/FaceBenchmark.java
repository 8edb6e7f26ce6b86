package convbench.face;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Faces per second for the whole pipeline (detect, 68 landmarks, align, embed) on decoded images: ConvBench's
 * SameDiff networks, and face-api itself in Node on the same pixels (releng/convbench.models/face-bench.mjs) with
 * the same detector input size and score threshold. Each side makes one untimed warm-up pass over the images, then
 * {@code repeat} timed passes; faces/s = faces found in the timed passes / their seconds.
 */
public final class FaceBenchmark {
    /** One side's figures. */
    public record Side(String engine, int facesPerPass, double[] passSeconds, double warmupSeconds, double facesPerSecond,
            Map<String, Object> details) {
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("engine", engine);
            m.put("facesPerPass", facesPerPass);
            m.put("warmupSeconds", warmupSeconds);
            m.put("passSeconds", passSeconds);
            m.put("facesPerSecond", facesPerSecond);
            m.putAll(details);
            return m;
        }
    }

    /** An image with the name it is reported under. */
    public record Named(String name, RgbImage image) {
    }

    private FaceBenchmark() {
    }

    /** ConvBench: {@link FaceAnalyzer#analyse} (dlib-chip alignment) on every image, warm-up then timed passes. */
    public static Side convbench(FaceAnalyzer analyzer, List<Named> images, int repeat) throws FaceException {
        if (repeat < 1 || images.isEmpty())
            throw new IllegalArgumentException("at least one image and one timed pass");
        long t0 = System.nanoTime();
        int faces = 0;
        List<Integer> perImage = new ArrayList<>();
        for (Named n : images) {
            int f = analyzer.analyse(n.image()).size();
            perImage.add(f);
            faces += f;
        }
        double warmup = (System.nanoTime() - t0) / 1e9;
        double[] passes = new double[repeat];
        FaceAnalyzer.StageTimes stages = new FaceAnalyzer.StageTimes();
        for (int k = 0; k < repeat; k++) {
            long t = System.nanoTime();
            for (Named n : images)
                analyzer.analyse(n.image(), Alignment.DLIB_CHIP, stages);
            passes[k] = (System.nanoTime() - t) / 1e9;
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("facesPerImage", perImage);
        details.put("stageSeconds", stages.seconds()); // over all timed passes: where the time goes
        details.put("inputSizes", analyzer.inputSizes());
        details.put("processors", Runtime.getRuntime().availableProcessors());
        // ND4J's OpenMP threads spin while they wait: on a busy machine one thread can be several times faster than two
        details.put("ompNumThreads", System.getenv().getOrDefault("OMP_NUM_THREADS", "(unset: ND4J picks)"));
        return new Side("ConvBench (DL4J/SameDiff, ND4J native CPU)", faces, passes, warmup, faces * repeat / sum(passes), details);
    }

    /**
     * face-api in Node: the images' RGB bytes and a job file are written to a temporary folder, node runs the script,
     * its JSON answer is read back.
     *
     * @param script face-bench.mjs (beside the node_modules holding face-api)
     * @param backend a tfjs backend: wasm (the fastest that installs here) or cpu
     */
    public static Side faceApi(Path script, List<Named> images, int inputSize, double scoreThreshold, String backend, int repeat,
            long timeoutSeconds) throws FaceException {
        if (!Files.isRegularFile(script))
            throw new FaceException("the face-api benchmark script " + script + " does not exist (releng/convbench.models/face-bench.mjs)");
        Path dir = null;
        try {
            dir = Files.createTempDirectory("convbench-face-bench");
            JsonObject job = new JsonObject();
            job.addProperty("inputSize", inputSize);
            job.addProperty("scoreThreshold", scoreThreshold);
            JsonArray list = new JsonArray();
            for (int k = 0; k < images.size(); k++) {
                RgbImage img = images.get(k).image();
                Files.write(dir.resolve(k + ".rgb"), img.toRgbBytes());
                JsonObject o = new JsonObject();
                o.addProperty("name", images.get(k).name());
                o.addProperty("width", img.width());
                o.addProperty("height", img.height());
                o.addProperty("rgb", k + ".rgb");
                list.add(o);
            }
            job.add("images", list);
            Path jobFile = dir.resolve("job.json"), out = dir.resolve("result.json"), log = dir.resolve("node.log");
            Files.writeString(jobFile, job.toString(), StandardCharsets.UTF_8);
            Process p = new ProcessBuilder("node", script.toString(), "--job", jobFile.toString(), "--output", out.toString(),
                    "--backend", backend, "--repeat", Integer.toString(repeat)).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new FaceException("face-api in Node took longer than " + timeoutSeconds + " s");
            }
            if (p.exitValue() != 0 || !Files.isRegularFile(out))
                throw new FaceException("face-api in Node failed (exit " + p.exitValue() + "): " + Files.readString(log).strip());
            JsonObject r = new Gson().fromJson(Files.readString(out), JsonObject.class);
            JsonArray ms = r.getAsJsonArray("passesMs");
            double[] passes = new double[ms.size()];
            for (int k = 0; k < passes.length; k++)
                passes[k] = ms.get(k).getAsDouble() / 1000;
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("facesPerImage", new Gson().fromJson(r.get("facesPerImage"), int[].class));
            details.put("faceapi", r.get("faceapi").getAsString());
            details.put("tfjs", r.get("tfjs").getAsString());
            details.put("backend", r.get("backend").getAsString());
            if (r.has("simd") && !r.get("simd").isJsonNull())
                details.put("wasmSimd", r.get("simd").getAsBoolean());
            if (r.has("threads") && !r.get("threads").isJsonNull())
                details.put("wasmThreads", r.get("threads").getAsBoolean());
            return new Side("face-api " + r.get("faceapi").getAsString() + " in Node " + nodeVersion() + " (tfjs "
                    + r.get("backend").getAsString() + ")", r.get("facesPerPass").getAsInt(), passes,
                    r.get("warmupMs").getAsDouble() / 1000, r.get("facesPerSecond").getAsDouble(), details);
        } catch (IOException | JsonParseException | IllegalStateException | NullPointerException e) {
            throw new FaceException("face-api benchmark in Node: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FaceException("interrupted while face-api ran in Node", e);
        } finally {
            if (dir != null)
                try (var files = Files.list(dir)) {
                    for (Path f : files.toList())
                        Files.deleteIfExists(f);
                    Files.deleteIfExists(dir);
                } catch (IOException e) {
                    // a temporary folder left behind is harmless
                }
        }
    }

    private static String nodeVersion() {
        try {
            Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            String v = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return p.waitFor(10, TimeUnit.SECONDS) ? v : "?";
        } catch (IOException e) {
            return "?";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }

    static double sum(double[] v) {
        double s = 0;
        for (double x : v)
            s += x;
        return s;
    }
}
