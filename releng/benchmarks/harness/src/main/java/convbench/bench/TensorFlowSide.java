package convbench.bench;

import convbench.bench.WorkerProtocol.Measurement;
import convbench.bench.WorkerProtocol.Request;
import convbench.bench.WorkerProtocol.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the TensorFlow worker (convbench.benchmarks.tensorflow) in a second JVM on its own class path: TensorFlow
 * Java needs JavaCPP 1.5.11, ND4J in this JVM 1.5.7, and one JVM can hold only one of them.
 */
final class TensorFlowSide {
    /** The worker module's build folder: its classes and worker.classpath. */
    static final String WORKER_PROPERTY = "convbench.bench.worker";

    private final Path workerTarget;
    private final int threads;

    TensorFlowSide(Path workerTarget, int threads) {
        this.workerTarget = workerTarget;
        this.threads = threads;
    }

    static TensorFlowSide fromSystemProperty(int threads) {
        String dir = System.getProperty(WORKER_PROPERTY);
        if (dir == null)
            throw new IllegalStateException("-D" + WORKER_PROPERTY + " must name releng/benchmarks/tensorflow/target");
        return new TensorFlowSide(Path.of(dir), threads);
    }

    Response run(String mode, List<BenchNet> nets, long seed, Timing timing) throws IOException, InterruptedException {
        Path classpathFile = workerTarget.resolve("worker.classpath");
        if (!Files.isRegularFile(classpathFile))
            throw new IOException(classpathFile + ": missing; build the worker (./mvnw -B package -pl "
                    + "releng/benchmarks/tensorflow -am)");
        String cp = workerTarget.resolve("classes") + java.io.File.pathSeparator + Files.readString(classpathFile).trim();
        List<WorkerProtocol.Net> wire = nets.stream().map(WorkerProtocol.Net::of).toList();
        Path req = Files.createTempFile("convbench-bench-", ".request.json");
        Path resp = Files.createTempFile("convbench-bench-", ".response.json");
        Path log = Files.createTempFile("convbench-bench-", ".tensorflow.log");
        try {
            Files.writeString(req, WorkerProtocol.GSON.toJson(new Request(mode, threads, seed, timing, wire)),
                    StandardCharsets.UTF_8);
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--enable-native-access=ALL-UNNAMED", "-Xmx2g", "-cp", cp, "convbench.bench.tf.TfWorker",
                    req.toString(), resp.toString()));
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().put("OMP_NUM_THREADS", Integer.toString(threads));
            pb.environment().put("TF_CPP_MIN_LOG_LEVEL", "1");
            int rc = pb.start().waitFor();
            if (rc != 0) {
                List<String> lines = Files.readAllLines(log);
                throw new IOException("the TensorFlow worker failed (exit " + rc + "):\n"
                        + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size())));
            }
            return WorkerProtocol.GSON.fromJson(Files.readString(resp), Response.class);
        } finally {
            Files.deleteIfExists(req);
            Files.deleteIfExists(resp);
            Files.deleteIfExists(log);
        }
    }

    static Measurement find(Response r, String net, String mode) {
        return r.results().stream().filter(m -> m.name().equals(net) && m.mode().equals(mode)).findFirst()
                .orElseThrow(() -> new IllegalStateException("the TensorFlow worker did not report " + net + " " + mode));
    }
}
