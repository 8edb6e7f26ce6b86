package convbench.bench;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import convbench.core.spec.SpecJson;
import java.util.List;

/** What the harness asks the TensorFlow worker (a JSON file) and what it answers (another JSON file). */
public final class WorkerProtocol {
    public static final Gson GSON = new GsonBuilder().serializeSpecialFloatingPointValues().create();

    /** "describe": build each net for training and inference and run one step of each; "bench": time them. */
    public record Request(String mode, int threads, long seed, Timing timing, List<Net> nets) {
    }

    public record Net(String name, int batch, JsonElement spec) {
        public static Net of(BenchNet n) {
            return new Net(n.name(), n.batch(), SpecJson.toTree(n.spec()));
        }

        public BenchNet toBenchNet() {
            return new BenchNet(name, SpecJson.fromTree(spec), batch);
        }
    }

    /**
     * One net in one mode ("train" or "infer"): median examples/s (0 when only described), the examples/s of every
     * timed run, the steps per run, the parameter count and the shape of the output of one batch.
     */
    public record Measurement(String name, String mode, double examplesPerSecond, double[] runs, int stepsPerRun,
            long params, long[] outputShape) {
    }

    public record Response(String backend, List<Measurement> results) {
    }

    private WorkerProtocol() {
    }
}
