package convbench.ct.internal;

import convbench.cli.api.CliArgs;
import convbench.cli.api.CliCommand;
import convbench.cli.api.CliException;
import convbench.cli.api.CliProgress;
import convbench.cli.api.CliResult;
import convbench.ct.api.DicomSeries;
import convbench.ct.api.LoadedSeries;
import convbench.ct.api.Nifti;
import convbench.ct.api.ScanResult;
import convbench.ct.api.SeriesLoader;
import convbench.ct.api.SeriesScanner;
import convbench.dicom.api.DicomToolkit;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code ct bench <folder>}: series load speed in MB/s of DICOM read, side by side with dcm2niix converting the
 * same folder. Medians of --repeat runs each, taken in turns (file cache warm for both).
 */
@Component(service = CliCommand.class)
public final class CtBenchCommand implements CliCommand {
    @Reference
    private DicomToolkit toolkit;

    public CtBenchCommand() {
    }

    public CtBenchCommand(DicomToolkit toolkit) {
        this.toolkit = toolkit;
    }

    @Override
    public String area() {
        return "ct";
    }

    @Override
    public String action() {
        return "bench";
    }

    @Override
    public String summary() {
        return "series load MB/s, side by side with dcm2niix on the same folder; with --net, 3D U-Net training patches/s and 256^3 inference seconds";
    }

    @Override
    public String usage() {
        return "ct bench <folder> [--repeat 5] [--threads N] [--json]   (needs dcm2niix on PATH: Debian package dcm2niix)\n"
                + "ct bench --net <volume> [--size 256] [--patches 48] [--filters 4] [--patch 32] [--window 64] [--overlap 16] [--json]";
    }

    @Override
    public CliResult run(CliArgs args, CliProgress progress) throws Exception {
        if (args.has("net"))
            return CtNetBench.run(toolkit, args, progress);
        Path root = args.existingPathOrPositional("folder");
        int repeat = args.integer("repeat", 5);
        if (repeat < 1)
            throw new CliException("--repeat must be at least 1");
        int threads = args.integer("threads", Runtime.getRuntime().availableProcessors());
        if (threads < 1)
            throw new CliException("--threads must be at least 1");
        ScanResult first = CtSupport.scan(toolkit, root);
        if (first.series().isEmpty())
            throw new CliException(root + ": no DICOM image series found" + CtSupport.skippedHint(first));
        long bytes = first.series().stream().mapToLong(DicomSeries::bytesOnDisk).sum();
        double mb = bytes / 1e6;
        Path tmp = Files.createTempDirectory("convbench-ct-bench");
        try {
            // the first ConvBench run also compiles the decoder (JIT): report it apart, as the cold start
            long c0 = System.nanoTime();
            loadAll(root, threads);
            double cold = (System.nanoTime() - c0) / 1e9;
            double[] load = new double[repeat], loadWrite = new double[repeat], single = new double[repeat], peer = new double[repeat];
            int seriesCount = 0;
            // the sides take turns run by run, so a busy machine slows both alike; the figures are medians
            for (int r = 0; r < repeat; r++) {
                progress.report((r + 0.0) / repeat, "run " + (r + 1) + " of " + repeat + ": ConvBench");
                long t0 = System.nanoTime();
                List<LoadedSeries> loaded = loadAll(root, threads);
                long t1 = System.nanoTime();
                int i = 0;
                for (LoadedSeries ls : loaded)
                    Nifti.write(ls.volume(), tmp.resolve("convbench_" + i++ + ".nii"));
                long t2 = System.nanoTime();
                seriesCount = loaded.size();
                load[r] = (t1 - t0) / 1e9;
                loadWrite[r] = (t2 - t0) / 1e9;
                progress.report((r + 0.3) / repeat, "run " + (r + 1) + " of " + repeat + ": dcm2niix");
                peer[r] = runDcm2niix(root, tmp.resolve("peer" + r));
                progress.report((r + 0.6) / repeat, "run " + (r + 1) + " of " + repeat + ": ConvBench, one thread");
                long t3 = System.nanoTime();
                loadAll(root, 1);
                single[r] = (System.nanoTime() - t3) / 1e9;
            }
            double mLoad = median(load), mWrite = median(loadWrite), mSingle = median(single), mPeer = median(peer);
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("folder", root.toString());
            json.put("series", seriesCount);
            json.put("megabytes", CtSupport.round(mb, 3));
            json.put("repeat", repeat);
            json.put("threads", threads);
            json.put("convbench", measure(mLoad, mb));
            json.put("convbenchOneThread", measure(mSingle, mb));
            json.put("convbenchFirstRun", measure(cold, mb));
            json.put("convbenchWithNiftiWrite", measure(mWrite, mb));
            json.put("dcm2niix", measure(mPeer, mb));
            json.put("ratio", CtSupport.round(mPeer / mLoad, 3));
            json.put("ratioOneThread", CtSupport.round(mPeer / mSingle, 3));
            json.put("ratioWithNiftiWrite", CtSupport.round(mPeer / mWrite, 3));
            json.put("runs", Map.of("convbench", CtSupport.rounded(load, 4), "convbenchOneThread", CtSupport.rounded(single, 4),
                    "dcm2niix", CtSupport.rounded(peer, 4)));
            json.put("toolkit", toolkit.name());
            json.put("cores", Runtime.getRuntime().availableProcessors());
            json.put("note", "ConvBench: scan + decode + HU volume in this JVM with --threads threads (and with one), median of --repeat"
                    + " runs after a first (cold, JIT) run; dcm2niix: a process (one thread) that converts the folder to uncompressed"
                    + " .nii (its start and its write included), median of as many runs, taking turns with ConvBench. ratio ="
                    + " dcm2niix seconds / ConvBench seconds (above 1: ConvBench loads faster)");
            String text = String.format(Locale.ROOT, "%s: %.1f MB of DICOM, medians of %d runs%n"
                    + "  ConvBench first    %.3f s  %6.1f MB/s (cold JVM)%n"
                    + "  ConvBench load     %.3f s  %6.1f MB/s (%d threads)%n"
                    + "  ConvBench load     %.3f s  %6.1f MB/s (1 thread)%n"
                    + "  + NIfTI write      %.3f s  %6.1f MB/s (%d threads)%n"
                    + "  dcm2niix           %.3f s  %6.1f MB/s (1 thread)%n"
                    + "  ratio %.2f x dcm2niix (1 thread: %.2f x; %.2f x with the write)",
                    root, mb, repeat, cold, mb / cold, mLoad, mb / mLoad, threads, mSingle, mb / mSingle, mWrite, mb / mWrite, threads,
                    mPeer, mb / mPeer, mPeer / mLoad, mPeer / mSingle, mPeer / mWrite);
            return CliResult.of(json, text);
        } finally {
            deleteTree(tmp);
        }
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private List<LoadedSeries> loadAll(Path root, int threads) throws CliException {
        try {
            ScanResult scan = new SeriesScanner(toolkit, threads).scan(root);
            SeriesLoader loader = new SeriesLoader(toolkit);
            SeriesLoader.Options options = SeriesLoader.Options.defaults().withThreads(threads);
            List<LoadedSeries> out = new ArrayList<>();
            for (DicomSeries s : scan.series())
                out.add(loader.load(s, options, (f, m) -> { }));
            return out;
        } catch (IOException e) {
            throw new CliException(e.getMessage(), e);
        }
    }

    private static Map<String, Object> measure(double seconds, double mb) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seconds", CtSupport.round(seconds, 4));
        m.put("mbPerSecond", CtSupport.round(mb / seconds, 2));
        return m;
    }

    /** Seconds dcm2niix takes to convert {@code root}; a missing binary or a failure is a clear error. */
    static double runDcm2niix(Path root, Path outDir) throws IOException, CliException, InterruptedException {
        Files.createDirectories(outDir);
        ProcessBuilder pb = new ProcessBuilder("dcm2niix", "-b", "n", "-z", "n", "-f", "%s_%j", "-o", outDir.toString(), root.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.to(outDir.resolve("dcm2niix.log").toFile()));
        long t0 = System.nanoTime();
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new CliException("dcm2niix not found on PATH: install the Debian package dcm2niix (" + e.getMessage() + ")", e);
        }
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new CliException("dcm2niix took more than 10 minutes on " + root);
        }
        double s = (System.nanoTime() - t0) / 1e9;
        if (p.exitValue() != 0)
            throw new CliException("dcm2niix failed on " + root + " (exit " + p.exitValue() + "): "
                    + Files.readString(outDir.resolve("dcm2niix.log")).strip());
        return s;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }
}
