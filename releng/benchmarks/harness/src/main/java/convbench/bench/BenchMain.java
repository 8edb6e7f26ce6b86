package convbench.bench;

import com.google.gson.GsonBuilder;
import convbench.bench.WorkerProtocol.Measurement;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bytedeco.javacpp.Loader;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.profiler.OpProfiler;
import org.nd4j.linalg.profiler.ProfilerConfig;

/**
 * {@code ./convbench bench [--json] [--threads N] [--nets a,b] [--runs N] [--quick]}: the reference nets for
 * training and inference on ConvBench (DL4J/ND4J) and on TensorFlow Java, one net at a time on each side in turn so
 * that both see the same machine load; examples/s (median of the timed runs), the ratio ConvBench/TensorFlow and
 * the GFLOP/s achieved against this machine's measured SGEMM rate.
 */
public final class BenchMain {
    static final long SEED = 7;
    /** The square SGEMM that stands for the machine's peak: large enough for the BLAS to reach its best rate. */
    static final int SGEMM_N = 2048;

    private BenchMain() {
    }

    /** Bad arguments: exit status 2. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    record Options(boolean json, int threads, List<String> nets, Timing timing, boolean profile) {
        static Options parse(String[] args) {
            boolean json = false, profile = false;
            int threads = 2;
            List<String> nets = null;
            Timing t = Timing.standard();
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--json" -> json = true;
                    case "--threads" -> threads = positive(args, ++i);
                    case "--runs" -> t = new Timing(t.warmupSteps(), t.warmupSeconds(), positive(args, ++i), t.runSeconds());
                    case "--quick" -> t = Timing.quick();
                    case "--profile" -> profile = true;
                    case "--nets" -> nets = List.of(value(args, ++i).split(","));
                    default -> throw new UsageException("unknown option '" + args[i] + "'\n" + USAGE);
                }
            }
            return new Options(json, threads, nets, t, profile);
        }

        private static String value(String[] args, int i) {
            if (i >= args.length)
                throw new UsageException(args[i - 1] + " needs a value");
            return args[i];
        }

        private static int positive(String[] args, int i) {
            String v = value(args, i);
            try {
                int n = Integer.parseInt(v);
                if (n > 0)
                    return n;
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new UsageException(args[i - 1] + " needs a positive whole number, got '" + v + "'");
        }
    }

    static final String USAGE = """
            usage: convbench bench [--json] [--threads N] [--nets NAME,...] [--runs N] [--quick] [--profile]
              Times the reference nets (ekg-conv1d, image2d-64, patch3d-32) for training and inference on ConvBench
              and on TensorFlow Java 1.1.0 (CPU), N threads on both sides (default 2); --quick: one short run each
              (checks the set-up, no figures to quote); --profile: instead of timing, ND4J's op profiler over a few
              ConvBench training and inference steps of each net (time per native op, on stderr).""";

    public static void main(String[] args) {
        if (List.of(args).contains("--help")) {
            System.out.println(USAGE);
            return;
        }
        try {
            Options o = Options.parse(args);
            run(o, System.out);
        } catch (UsageException e) {
            System.err.println("convbench bench: " + e.getMessage());
            System.exit(2);
        } catch (Exception e) {
            System.err.println("convbench bench: " + e.getMessage());
            e.printStackTrace();
            System.exit(1);
        }
        // ND4J's and the JVM's own threads would keep it alive
        System.exit(0);
    }

    static void run(Options o, PrintStream out) throws Exception {
        List<BenchNet> nets = select(o.nets());
        Nd4j.getEnvironment().setMaxThreads(o.threads());
        Nd4j.getEnvironment().setMaxMasterThreads(o.threads());
        Nd4j.factory().blas().setMaxThreads(o.threads());
        String omp = System.getenv("OMP_NUM_THREADS");
        if (!Integer.toString(o.threads()).equals(omp))
            System.err.println("convbench bench: OMP_NUM_THREADS is " + omp + ", not " + o.threads()
                    + ": ND4J's OpenMP kernels may use another thread count (./convbench bench sets it)");
        if (o.profile()) {
            for (BenchNet net : nets)
                profile(net);
            return;
        }
        TensorFlowSide tf = TensorFlowSide.fromSystemProperty(o.threads());

        log("SGEMM " + SGEMM_N + "x" + SGEMM_N + " on ND4J...");
        double sgemm = sgemmGflops(o.timing());
        List<Map<String, Object>> rows = new ArrayList<>();
        String tfBackend = null;
        for (BenchNet net : nets) {
            SpecCost cost = SpecCost.of(net.spec());
            log(net.name() + ": ConvBench...");
            Timing.Result cbTrain, cbInfer;
            long cbParams;
            long[] cbShape;
            try (ConvBenchSide cb = new ConvBenchSide(net, SEED)) {
                cbParams = cb.params();
                cbShape = cb.infer();
                if (!Double.isFinite(cb.trainStep()))
                    throw new IllegalStateException(net.name() + ": ConvBench's training loss is not finite");
                cbTrain = o.timing().measure(net.batch(), cb::trainStep);
                cbInfer = o.timing().measure(net.batch(), cb::infer);
            }
            log(net.name() + ": TensorFlow...");
            WorkerProtocol.Response r = tf.run("bench", List.of(net), SEED, o.timing());
            tfBackend = r.backend();
            for (String mode : List.of("train", "infer")) {
                Measurement m = TensorFlowSide.find(r, net.name(), mode);
                checkSameArchitecture(net, cost, cbParams, cbShape, m);
                Timing.Result cb = mode.equals("train") ? cbTrain : cbInfer;
                double flops = cost.flopsPerExample(mode.equals("train"));
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("name", net.name());
                row.put("mode", mode);
                row.put("convbench", round(cb.examplesPerSecond()));
                row.put("tensorflow", round(m.examplesPerSecond()));
                row.put("ratio", round(cb.examplesPerSecond() / m.examplesPerSecond()));
                row.put("gflops", round(cb.examplesPerSecond() * flops / 1e9));
                row.put("tensorflowGflops", round(m.examplesPerSecond() * flops / 1e9));
                row.put("batch", net.batch());
                row.put("params", cbParams);
                row.put("mflopsPerExample", round(flops / 1e6));
                row.put("convbenchRuns", roundAll(cb.runRates()));
                row.put("tensorflowRuns", roundAll(m.runs()));
                rows.add(row);
            }
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("sgemmPeakGflops", round(sgemm));
        result.put("nets", rows);
        result.put("threads", o.threads());
        result.put("sgemm", "ND4J Nd4j.gemm " + SGEMM_N + "x" + SGEMM_N + " float32, " + blas());
        result.put("convbenchBackend", "DL4J/ND4J 1.0.0-M2.1, " + nd4jLibrary());
        result.put("tensorflowBackend", tfBackend);
        // libgomp's spin-waiting (the default) costs ND4J dearly on a loaded machine: say which policy ran
        result.put("ompWaitPolicy", System.getenv().getOrDefault("OMP_WAIT_POLICY", "unset (libgomp default)"));
        result.put("timing", o.timing());
        if (o.json())
            out.println(new GsonBuilder().create().toJson(result));
        else
            printTable(out, result, rows);
    }

    /** ND4J's op profiler (elapsed time per op class) over training steps, then over inference steps. */
    static void profile(BenchNet net) throws Exception {
        try (ConvBenchSide cb = new ConvBenchSide(net, SEED)) {
            for (String mode : List.of("train", "infer")) {
                Timing.Step step = mode.equals("train") ? cb::trainStep : cb::infer;
                for (int i = 0; i < 3; i++)
                    step.run();
                Nd4j.getExecutioner().setProfilingConfig(ProfilerConfig.builder().checkElapsedTime(true).build());
                OpProfiler.getInstance().reset();
                long t = System.nanoTime();
                for (int i = 0; i < 5; i++)
                    step.run();
                double ms = (System.nanoTime() - t) / 5e6;
                Nd4j.getExecutioner().setProfilingConfig(ProfilerConfig.builder().build());
                System.err.printf(Locale.ROOT, "%n=== %s %s: %.1f ms per step of %d (5 steps profiled) ===%n",
                        net.name(), mode, ms, net.batch());
                OpProfiler.getInstance().printOutDashboard();
            }
        }
    }

    /** Both sides must have built the same net: the parameter count the spec implies and the same output shape. */
    static void checkSameArchitecture(BenchNet net, SpecCost cost, long cbParams, long[] cbShape, Measurement tf) {
        if (cbParams != cost.params() || tf.params() != cost.params())
            throw new IllegalStateException(net.name() + ": parameter counts differ: spec " + cost.params()
                    + ", ConvBench " + cbParams + ", TensorFlow " + tf.params());
        if (!java.util.Arrays.equals(cbShape, tf.outputShape()))
            throw new IllegalStateException(net.name() + ": output shapes differ: ConvBench "
                    + java.util.Arrays.toString(cbShape) + ", TensorFlow " + java.util.Arrays.toString(tf.outputShape()));
    }

    static List<BenchNet> select(List<String> names) {
        List<BenchNet> all = ReferenceNets.all();
        if (names == null)
            return all;
        List<BenchNet> out = new ArrayList<>();
        for (String n : names)
            out.add(all.stream().filter(b -> b.name().equals(n)).findFirst().orElseThrow(() -> new UsageException(
                    "unknown net '" + n + "' (known: " + all.stream().map(BenchNet::name).toList() + ")")));
        return out;
    }

    /** GFLOP/s of a large square float32 GEMM through ND4J (its BLAS), median of the timed runs. */
    static double sgemmGflops(Timing timing) throws Exception {
        INDArray a = Nd4j.rand(DataType.FLOAT, SGEMM_N, SGEMM_N), b = Nd4j.rand(DataType.FLOAT, SGEMM_N, SGEMM_N);
        INDArray c = Nd4j.zeros(DataType.FLOAT, SGEMM_N, SGEMM_N);
        double perSecond = timing.measure(1, () -> Nd4j.gemm(a, b, c, false, false, 1.0, 0.0)).examplesPerSecond();
        return perSecond * 2.0 * SGEMM_N * SGEMM_N * SGEMM_N / 1e9;
    }

    static String blas() {
        Object vendor = Nd4j.getExecutioner().getEnvironmentInformation().get("blas.vendor");
        return "BLAS " + (vendor == null ? Nd4j.factory().blas().getBlasVendor() : vendor);
    }

    /** Which ND4J native build JavaCPP loaded (generic or oneDNN/AVX2). */
    static String nd4jLibrary() {
        return Loader.getLoadedLibraries().entrySet().stream()
                .filter(e -> e.getKey().contains("nd4jcpu"))
                .map(e -> e.getValue().replaceAll(".*/(linux-x86_64[^/]*)/.*", "nd4j-native $1"))
                .findFirst().orElse("nd4j-native");
    }

    private static void printTable(PrintStream out, Map<String, Object> result, List<Map<String, Object>> rows) {
        out.printf(Locale.ROOT, "SGEMM peak: %.1f GFLOP/s (%s, %s threads)%n", result.get("sgemmPeakGflops"),
                result.get("sgemm"), result.get("threads"));
        out.println("ConvBench:  " + result.get("convbenchBackend") + ", OMP_WAIT_POLICY " + result.get("ompWaitPolicy"));
        out.println("TensorFlow: " + result.get("tensorflowBackend"));
        out.println();
        out.printf(Locale.ROOT, "%-12s %-5s %5s %9s %14s %14s %7s %10s %10s %8s%n", "net", "mode", "batch", "params",
                "ConvBench ex/s", "TF ex/s", "ratio", "CB GFLOP/s", "TF GFLOP/s", "CB/SGEMM");
        double peak = (Double) result.get("sgemmPeakGflops");
        for (Map<String, Object> r : rows)
            out.printf(Locale.ROOT, "%-12s %-5s %5d %9d %14.1f %14.1f %7.2f %10.2f %10.2f %7.1f%%%n", r.get("name"),
                    r.get("mode"), r.get("batch"), r.get("params"), r.get("convbench"), r.get("tensorflow"),
                    r.get("ratio"), r.get("gflops"), r.get("tensorflowGflops"), 100 * (Double) r.get("gflops") / peak);
        out.println();
        out.println("examples/s: median of the timed runs after warm-up; GFLOP/s from conv and dense multiply-adds "
                + "(2 FLOPs each), training counted as 3 forward passes");
    }

    private static void log(String line) {
        System.err.println("convbench bench: " + line);
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    private static double[] roundAll(double[] v) {
        return java.util.Arrays.stream(v).map(BenchMain::round).toArray();
    }
}
