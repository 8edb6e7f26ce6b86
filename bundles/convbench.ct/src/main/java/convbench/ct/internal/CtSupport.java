package convbench.ct.internal;

import convbench.cli.api.CliArgs;
import convbench.cli.api.CliException;
import convbench.cli.api.CliProgress;
import convbench.ct.api.CtException;
import convbench.ct.api.DicomSeries;
import convbench.ct.api.InVesaliusProject;
import convbench.ct.api.Nifti;
import convbench.ct.api.Volume;
import convbench.ct.api.LoadedSeries;
import convbench.ct.api.ScanResult;
import convbench.ct.api.SeriesLoader;
import convbench.ct.api.SeriesScanner;
import convbench.dicom.api.DicomToolkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the ct commands share: scanning with user-facing errors, number rounding for JSON. */
final class CtSupport {
    private CtSupport() {
    }

    static ScanResult scan(DicomToolkit toolkit, Path root) throws CliException {
        if (toolkit == null)
            throw new CliException("no DICOM toolkit service is available (is the convbench.dicom.pixelmed bundle installed?)");
        try {
            return new SeriesScanner(toolkit).scan(root);
        } catch (IOException e) {
            throw new CliException(e.getMessage(), e);
        }
    }

    /** The one series to use: --series UID, or the only one; several without --series is an error listing them. */
    static DicomSeries pick(ScanResult scan, String uid) throws CliException {
        if (scan.series().isEmpty())
            throw new CliException(scan.root() + ": no DICOM image series found" + skippedHint(scan));
        if (uid != null)
            return scan.series(uid).orElseThrow(() -> new CliException(scan.root() + ": no series " + uid + " (found: "
                    + String.join(", ", scan.series().stream().map(DicomSeries::seriesUid).toList()) + ")"));
        if (scan.series().size() > 1) {
            List<String> names = new ArrayList<>();
            for (DicomSeries s : scan.series())
                names.add(s.seriesUid() + " (" + s.description() + ", " + s.slices().size() + " images)");
            throw new CliException(scan.root() + " holds " + scan.series().size() + " series; choose one with --series: "
                    + String.join("; ", names));
        }
        return scan.series().get(0);
    }

    static String skippedHint(ScanResult scan) {
        if (scan.skipped().isEmpty())
            return "";
        ScanResult.Skipped s = scan.skipped().get(0);
        return " (" + scan.skipped().size() + " file(s) skipped; e.g. " + s.file() + ": " + s.reason() + ")";
    }

    static LoadedSeries load(DicomToolkit toolkit, DicomSeries s, SeriesLoader.Options o, CliProgress progress) throws CtException {
        return new SeriesLoader(toolkit).load(s, o, progress::report);
    }

    /**
     * A volume from a path: an InVesalius project (.inv3), a NIfTI file (.nii, .nii.gz) or a folder with one DICOM
     * series (gantry tilt corrected). Errors name the path.
     */
    static Volume readVolume(DicomToolkit toolkit, Path p, CliProgress progress) throws CliException {
        if (!Files.exists(p))
            throw new CliException(p + ": no such file or folder");
        String lower = p.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        try {
            if (Files.isRegularFile(p) && lower.endsWith(".inv3"))
                return InVesaliusProject.read(p).volume();
            if (Files.isRegularFile(p) && (lower.endsWith(".nii") || lower.endsWith(".nii.gz")))
                return Nifti.read(p);
            if (!Files.isDirectory(p))
                throw new CliException(p + ": not a volume (expected a DICOM folder, .nii, .nii.gz or .inv3)");
            return load(toolkit, pick(scan(toolkit, p), null), SeriesLoader.Options.defaults(), progress).volume();
        } catch (IOException e) {
            throw new CliException(e.getMessage(), e);
        }
    }

    /** A comma-separated list of volume paths (--name), each checked to exist. */
    static List<Path> paths(CliArgs args, String name) throws CliException {
        List<Path> out = new ArrayList<>();
        for (String s : args.required(name).split(","))
            if (!s.isBlank()) {
                Path p = Path.of(s.trim());
                if (!Files.exists(p))
                    throw new CliException(p + ": no such file or folder (--" + name + ")");
                out.add(p);
            }
        if (out.isEmpty())
            throw new CliException("--" + name + " lists no volumes");
        return out;
    }

    /** "a:b" (or one number for both) as {a, b}. */
    static double[] range(CliArgs args, String name, double lo, double hi) throws CliException {
        if (!args.has(name))
            return new double[] { lo, hi };
        String v = args.required(name);
        String[] parts = v.split(":");
        try {
            double a = Double.parseDouble(parts[0].trim()), b = parts.length > 1 ? Double.parseDouble(parts[1].trim()) : a;
            if (parts.length > 2 || b < a)
                throw new NumberFormatException();
            return new double[] { a, b };
        } catch (NumberFormatException e) {
            throw new CliException("--" + name + " expects MIN:MAX (MIN <= MAX) or one number, got '" + v + "'");
        }
    }

    static List<Map<String, Object>> skippedJson(ScanResult scan) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (ScanResult.Skipped s : scan.skipped()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("file", s.file().toString());
            m.put("reason", s.reason());
            out.add(m);
        }
        return out;
    }

    static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }

    static List<Double> rounded(double[] v, int digits) {
        List<Double> out = new ArrayList<>();
        for (double d : v)
            out.add(round(d, digits));
        return out;
    }
}
