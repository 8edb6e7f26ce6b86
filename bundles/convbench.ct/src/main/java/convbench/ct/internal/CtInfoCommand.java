package convbench.ct.internal;

import convbench.cli.api.CliArgs;
import convbench.cli.api.CliCommand;
import convbench.cli.api.CliException;
import convbench.cli.api.CliProgress;
import convbench.cli.api.CliResult;
import convbench.ct.api.CtException;
import convbench.ct.api.DicomSeries;
import convbench.ct.api.LoadedSeries;
import convbench.ct.api.ScanResult;
import convbench.ct.api.SeriesLoader;
import convbench.dicom.api.DicomToolkit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code ct info <folder>}: the series in a folder, their size, spacing, tilt and HU range. */
@Component(service = CliCommand.class)
public final class CtInfoCommand implements CliCommand {
    @Reference
    private DicomToolkit toolkit;

    public CtInfoCommand() {
    }

    /** For tests and headless callers outside OSGi. */
    public CtInfoCommand(DicomToolkit toolkit) {
        this.toolkit = toolkit;
    }

    @Override
    public String area() {
        return "ct";
    }

    @Override
    public String action() {
        return "info";
    }

    @Override
    public String summary() {
        return "list the CT/MR series in a folder or DICOMDIR: slices, size, spacing, tilt, HU range";
    }

    @Override
    public String usage() {
        return "ct info <folder|DICOMDIR> [--json]";
    }

    @Override
    public CliResult run(CliArgs args, CliProgress progress) throws Exception {
        Path root = args.existingPathOrPositional("folder");
        ScanResult scan = CtSupport.scan(toolkit, root);
        if (scan.series().isEmpty())
            throw new CliException(root + ": no DICOM image series found" + CtSupport.skippedHint(scan));
        List<Map<String, Object>> series = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (DicomSeries s : scan.series()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("seriesUid", s.seriesUid());
            m.put("description", s.description());
            m.put("modality", s.modality());
            m.put("seriesNumber", s.seriesNumber());
            try {
                LoadedSeries ls = CtSupport.load(toolkit, s, SeriesLoader.Options.defaults(), progress);
                double[] hu = ls.volume().range();
                double[] sp = ls.acquiredSpacing();
                var first = ls.series().slices().get(0);
                m.put("slices", ls.slicesUsed());
                m.put("rows", first.rows());
                m.put("columns", first.columns());
                m.put("spacing", CtSupport.rounded(sp, 4));
                m.put("variableSpacing", ls.variableSpacing());
                m.put("tiltDegrees", CtSupport.round(ls.tiltDegrees(), 2));
                m.put("huMin", hu[0]);
                m.put("huMax", hu[1]);
                m.put("deTilted", ls.deTilted());
                m.put("resampled", ls.resampled());
                m.put("volumeSize", List.of(ls.volume().nx(), ls.volume().ny(), ls.volume().nz()));
                m.put("volumeSpacing", CtSupport.rounded(ls.volume().spacing(), 4));
                m.put("origin", CtSupport.rounded(ls.volume().origin(), 3));
                m.put("warnings", ls.warnings());
                text.append(String.format(Locale.ROOT, "%s  %s%n  %d slices of %d x %d, spacing %.4f x %.4f x %.4f mm%s, tilt %.2f deg, HU %.0f..%.0f%n",
                        s.seriesUid(), s.description().isEmpty() ? "(no description)" : s.description(), ls.slicesUsed(),
                        first.columns(), first.rows(), sp[0], sp[1], sp[2], ls.variableSpacing() ? " (varies)" : "",
                        ls.tiltDegrees(), hu[0], hu[1]));
                for (String w : ls.warnings())
                    text.append("  note: ").append(w).append('\n');
            } catch (CtException e) {
                // one unreadable series must not hide the others
                m.put("slices", 0);
                m.put("error", e.getMessage());
                text.append(s.seriesUid()).append("  ").append(s.description()).append("\n  error: ").append(e.getMessage()).append('\n');
            }
            series.add(m);
        }
        for (ScanResult.Skipped sk : scan.skipped())
            text.append("skipped ").append(sk.file()).append(": ").append(sk.reason()).append('\n');
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("folder", root.toString());
        json.put("series", series);
        json.put("skipped", CtSupport.skippedJson(scan));
        return CliResult.of(json, text.toString().stripTrailing());
    }
}
