package convbench.ct.internal;

import convbench.cli.api.CliException;
import convbench.cli.api.CliProgress;
import convbench.ct.api.CtException;
import convbench.ct.api.DicomSeries;
import convbench.ct.api.LoadedSeries;
import convbench.ct.api.ScanResult;
import convbench.ct.api.SeriesLoader;
import convbench.ct.api.SeriesScanner;
import convbench.dicom.api.DicomToolkit;

import java.io.IOException;
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
