package convbench.ct.internal;

import convbench.cli.api.CliArgs;
import convbench.cli.api.CliCommand;
import convbench.cli.api.CliException;
import convbench.cli.api.CliProgress;
import convbench.cli.api.CliResult;
import convbench.ct.api.CtException;
import convbench.ct.api.DicomSeries;
import convbench.ct.api.LoadedSeries;
import convbench.ct.api.Nifti;
import convbench.ct.api.ScanResult;
import convbench.ct.api.SeriesLoader;
import convbench.dicom.api.DicomToolkit;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * same folder. Best of --repeat runs each (file cache warm for both).
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
        return "ct bench <folder> [--repeat 3] [--json]   (needs dcm2niix on PATH: Debian package dcm2niix)\n"
                + "ct bench --net <volume> [--size 256] [--patches 48] [--filters 4] [--patch 32] [--window 64] [--overlap 16] [--json]";
    }

    @Override
    public CliResult run(CliArgs args, CliProgress progress) throws Exception {
        if (args.has("net"))
            return CtNetBench.run(toolkit, args, progress);
        Path root = args.existingPathOrPositional("folder");
        int repeat = args.integer("repeat", 3);
        if (repeat < 1)
            throw new CliException("--repeat must be at least 1");
        ScanResult first = CtSupport.scan(toolkit, root);
        if (first.series().isEmpty())
            throw new CliException(root + ": no DICOM image series found" + CtSupport.skippedHint(first));
        long bytes = first.series().stream().mapToLong(DicomSeries::bytesOnDisk).sum();
        double mb = bytes / 1e6;
        Path tmp = Files.createTempDirectory("convbench-ct-bench");
        try {
            // the first ConvBench run also compiles the decoder (JIT): report it apart, as the cold start
            long c0 = System.nanoTime();
            loadAll(root);
            double cold = (System.nanoTime() - c0) / 1e9;
            double load = Double.MAX_VALUE, loadWrite = Double.MAX_VALUE, peer = Double.MAX_VALUE;
            int seriesCount = 0;
            for (int r = 0; r < repeat; r++) {
                progress.report((r + 0.0) / repeat, "run " + (r + 1) + " of " + repeat + ": ConvBench");
                long t0 = System.nanoTime();
                List<LoadedSeries> loaded = loadAll(root);
                long t1 = System.nanoTime();
                int i = 0;
                for (LoadedSeries ls : loaded)
                    Nifti.write(ls.volume(), tmp.resolve("convbench_" + i++ + ".nii"));
                long t2 = System.nanoTime();
                seriesCount = loaded.size();
                load = Math.min(load, (t1 - t0) / 1e9);
                loadWrite = Math.min(loadWrite, (t2 - t0) / 1e9);
                progress.report((r + 0.5) / repeat, "run " + (r + 1) + " of " + repeat + ": dcm2niix");
                peer = Math.min(peer, runDcm2niix(root, tmp.resolve("peer" + r)));
            }
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("folder", root.toString());
            json.put("series", seriesCount);
            json.put("megabytes", CtSupport.round(mb, 3));
            json.put("repeat", repeat);
            json.put("convbench", measure(load, mb));
            json.put("convbenchFirstRun", measure(cold, mb));
            json.put("convbenchWithNiftiWrite", measure(loadWrite, mb));
            json.put("dcm2niix", measure(peer, mb));
            json.put("ratio", CtSupport.round(peer / load, 3));
            json.put("ratioWithNiftiWrite", CtSupport.round(peer / loadWrite, 3));
            json.put("toolkit", toolkit.name());
            json.put("cores", Runtime.getRuntime().availableProcessors());
            json.put("note", "ConvBench: scan + decode + HU volume in this JVM, best of --repeat after a first (cold, JIT) run; dcm2niix: a process that converts"
                    + " the folder to uncompressed .nii (its start and its write included). ratio = dcm2niix seconds /"
                    + " ConvBench seconds (above 1: ConvBench loads faster)");
            String text = String.format(Locale.ROOT, "%s: %.1f MB of DICOM%n  ConvBench first %.3f s  %.1f MB/s (cold JVM)%n  ConvBench load  %.3f s  %.1f MB/s%n"
                    + "  + NIfTI write   %.3f s  %.1f MB/s%n  dcm2niix        %.3f s  %.1f MB/s%n  ratio %.2f x dcm2niix (%.2f x with the write)",
                    root, mb, cold, mb / cold, load, mb / load, loadWrite, mb / loadWrite, peer, mb / peer, peer / load, peer / loadWrite);
            return CliResult.of(json, text);
        } finally {
            deleteTree(tmp);
        }
    }

    private List<LoadedSeries> loadAll(Path root) throws CliException {
        ScanResult scan = CtSupport.scan(toolkit, root);
        SeriesLoader loader = new SeriesLoader(toolkit);
        try {
            java.util.ArrayList<LoadedSeries> out = new java.util.ArrayList<>();
            for (DicomSeries s : scan.series())
                out.add(loader.load(s));
            return out;
        } catch (CtException e) {
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
