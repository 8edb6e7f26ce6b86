package convbench.ct.internal;

import convbench.cli.api.CliArgs;
import convbench.cli.api.CliCommand;
import convbench.cli.api.CliException;
import convbench.cli.api.CliProgress;
import convbench.cli.api.CliResult;
import convbench.ct.api.CtException;
import convbench.ct.api.DicomSegExport;
import convbench.ct.api.LoadedSeries;
import convbench.ct.api.Nifti;
import convbench.ct.api.ScanResult;
import convbench.ct.api.SeriesLoader;
import convbench.ct.api.Volume;
import convbench.dicom.api.DicomToolkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code ct export-seg <series> --labels L.nii.gz --out seg.dcm}: the twin of CT > Export Labels... as DICOM SEG. The
 * label map must lie on the series' grid as ConvBench loads it (e.g. a label map exported from the viewer on that
 * series, or written by {@code ct analyze --out}).
 */
@Component(service = CliCommand.class)
public final class CtExportSegCommand implements CliCommand {
    @Reference
    private DicomToolkit toolkit;

    public CtExportSegCommand() {
    }

    public CtExportSegCommand(DicomToolkit toolkit) {
        this.toolkit = toolkit;
    }

    @Override
    public String area() {
        return "ct";
    }

    @Override
    public String action() {
        return "export-seg";
    }

    @Override
    public String summary() {
        return "write a label map on a DICOM series' grid as a DICOM Segmentation (SEG) that refers to the series";
    }

    @Override
    public String usage() {
        return "ct export-seg <folder|DICOMDIR> --labels labels.nii[.gz] --out seg.dcm [--series UID] [--keep-tilt]"
                + " [--names 1=lesion,2=...] [--json]\n"
                + "  one binary segment per label value (0 = background; a probability map is cut at 0.5)";
    }

    @Override
    public CliResult run(CliArgs args, CliProgress progress) throws Exception {
        Path in = args.existingPathOrPositional("in");
        Path labelsFile = Path.of(args.required("labels"));
        Path out = Path.of(args.required("out"));
        if (!Files.isRegularFile(labelsFile))
            throw new CliException(labelsFile + ": no such label map");
        Map<Integer, String> names = names(args.string("names", ""));
        try {
            ScanResult scan = CtSupport.scan(toolkit, in);
            var series = CtSupport.pick(scan, args.string("series", null));
            LoadedSeries ls = CtSupport.load(toolkit, series, SeriesLoader.Options.defaults().withDeTilt(!args.flag("keep-tilt")), progress);
            Volume labels = Nifti.read(labelsFile);
            progress.report(-1, "exporting " + labelsFile.getFileName() + " as DICOM SEG to " + out);
            DicomSegExport.Result r = DicomSegExport.write(toolkit, ls, labels, labelsFile.toString(), names, out);
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("output", out.toString());
            json.put("seriesUid", series.seriesUid());
            json.put("segments", r.segments());
            json.put("frames", r.frames());
            json.put("sourceImages", r.sourceImages());
            json.put("bytes", Files.size(out));
            return CliResult.of(json, String.format("wrote %s: DICOM SEG, %d segment(s), %d frame(s), referring to %d image(s) of series %s",
                    out, r.segments(), r.frames(), r.sourceImages(), series.seriesUid()));
        } catch (CtException e) {
            throw new CliException(e.getMessage(), e);
        } catch (IOException e) {
            throw new CliException(out + ": cannot write: " + e.getMessage(), e);
        }
    }

    /** "1=lesion,2=vessel" -> {1: lesion, 2: vessel}. */
    static Map<Integer, String> names(String spec) throws CliException {
        Map<Integer, String> m = new LinkedHashMap<>();
        if (spec.isBlank())
            return m;
        for (String part : spec.split(",")) {
            String[] kv = part.split("=", 2);
            try {
                if (kv.length != 2 || kv[1].isBlank())
                    throw new NumberFormatException();
                m.put(Integer.parseInt(kv[0].trim()), kv[1].trim());
            } catch (NumberFormatException e) {
                throw new CliException("--names: '" + part + "' is not VALUE=NAME (e.g. 1=lesion)");
            }
        }
        return m;
    }
}
