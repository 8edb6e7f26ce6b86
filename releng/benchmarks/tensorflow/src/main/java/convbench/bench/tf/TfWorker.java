package convbench.bench.tf;

import convbench.bench.BenchNet;
import convbench.bench.SyntheticData;
import convbench.bench.WorkerProtocol;
import convbench.bench.WorkerProtocol.Measurement;
import convbench.bench.WorkerProtocol.Request;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.TensorFlow;

/**
 * The TensorFlow side of the benchmark, in its own JVM (see the module description):
 * {@code TfWorker request.json response.json}.
 */
public final class TfWorker {
    private TfWorker() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2)
            throw new IllegalArgumentException("usage: TfWorker <request.json> <response.json>");
        Request req = WorkerProtocol.GSON.fromJson(Files.readString(Path.of(args[0])), Request.class);
        boolean describe = "describe".equals(req.mode());
        List<Measurement> out = new ArrayList<>();
        for (WorkerProtocol.Net wire : req.nets()) {
            BenchNet net = wire.toBenchNet();
            SyntheticData data = SyntheticData.of(net, req.seed());
            for (boolean train : new boolean[] {true, false}) {
                try (TfNet tf = new TfNet(net.spec(), train, req.threads(), req.seed());
                        TfNet.Batch batch = new TfNet.Batch(data)) {
                    long[] shape = tf.infer(batch);
                    if (train && !Float.isFinite(tf.trainStep(batch)))
                        throw new IllegalStateException(net.name() + ": TensorFlow's training loss is not finite");
                    if (describe) {
                        out.add(new Measurement(net.name(), mode(train), 0, new double[0], 0, tf.params(), shape));
                        continue;
                    }
                    var r = req.timing().measure(net.batch(), train ? () -> tf.trainStep(batch) : () -> tf.infer(batch));
                    out.add(new Measurement(net.name(), mode(train), r.examplesPerSecond(), r.runRates(),
                            r.stepsPerRun(), tf.params(), shape));
                }
            }
        }
        String backend = "TensorFlow Java " + javaApiVersion() + " (TensorFlow " + TensorFlow.version() + " CPU natives, "
                + req.threads() + " intra-op threads, 1 inter-op)";
        Files.writeString(Path.of(args[1]), WorkerProtocol.GSON.toJson(new WorkerProtocol.Response(backend, out)),
                StandardCharsets.UTF_8);
    }

    /** tensorflow-core-api's version from its Maven metadata ({@link TensorFlow#version()} is the C library's). */
    static String javaApiVersion() throws java.io.IOException {
        try (var in = TensorFlow.class.getResourceAsStream("/META-INF/maven/org.tensorflow/tensorflow-core-api/pom.properties")) {
            if (in == null)
                return "?";
            java.util.Properties p = new java.util.Properties();
            p.load(in);
            return p.getProperty("version", "?");
        }
    }

    static String mode(boolean train) {
        return train ? "train" : "infer";
    }
}
