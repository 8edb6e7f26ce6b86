package convbench.ct.internal;

import convbench.cli.api.CliArgs;
import convbench.cli.api.CliCommand;
import convbench.cli.api.CliException;
import convbench.cli.api.CliProgress;
import convbench.cli.api.CliResult;
import convbench.ct.api.CtException;
import convbench.ct.api.InVesaliusProject;
import convbench.ct.api.LoadedSeries;
import convbench.ct.api.Nifti;
import convbench.ct.api.ScanResult;
import convbench.ct.api.SeriesLoader;
import convbench.ct.api.Volume;
import convbench.dicom.api.DicomToolkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code ct convert <folder|project.inv3|volume.nii> --out file.nii.gz}: a series or project as NIfTI. */
@Component(service = CliCommand.class)
public final class CtConvertCommand implements CliCommand {
    @Reference
    private DicomToolkit toolkit;

    public CtConvertCommand() {
    }

    public CtConvertCommand(DicomToolkit toolkit) {
        this.toolkit = toolkit;
    }

    @Override
    public String area() {
        return "ct";
    }

    @Override
    public String action() {
        return "convert";
    }

    @Override
    public String summary() {
        return "convert a DICOM series (or an InVesalius project) to NIfTI (.nii / .nii.gz)";
    }

    @Override
    public String usage() {
        return "ct convert <folder|DICOMDIR|project.inv3|volume.nii[.gz]> --out file.nii.gz [--series UID] [--keep-tilt] [--json]\n"
                + "  --keep-tilt  keep a gantry-tilted series sheared instead of de-tilting it\n"
                + "  an InVesalius project also writes its masks as label maps: <out>_mask<N>.nii.gz";
    }

    @Override
    public CliResult run(CliArgs args, CliProgress progress) throws Exception {
        Path in = args.existingPathOrPositional("in");
        Path out = Path.of(args.required("out"));
        String name = out.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (!name.endsWith(".nii") && !name.endsWith(".nii.gz"))
            throw new CliException(out + ": --out must end in .nii or .nii.gz");
        Map<String, Object> json = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        List<String> written = new ArrayList<>();
        Volume v;
        String lower = in.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        try {
            if (Files.isRegularFile(in) && lower.endsWith(".inv3")) {
                InVesaliusProject p = InVesaliusProject.read(in);
                v = p.volume();
                json.put("source", "InVesalius project " + p.name());
                String base = out.toString().replaceFirst("(?i)\\.nii(\\.gz)?$", "");
                String ext = name.endsWith(".gz") ? ".nii.gz" : ".nii";
                for (int i = 0; i < p.masks().size(); i++) {
                    Path mp = Path.of(base + "_mask" + i + ext);
                    Nifti.write(p.masks().get(i).labels(), mp);
                    written.add(mp.toString());
                }
                warnings.add("InVesalius projects carry no patient position: origin 0, identity axes");
            } else if (Files.isRegularFile(in) && (lower.endsWith(".nii") || lower.endsWith(".nii.gz"))) {
                v = Nifti.read(in);
                json.put("source", "NIfTI");
            } else {
                ScanResult scan = CtSupport.scan(toolkit, in);
                var series = CtSupport.pick(scan, args.string("series", null));
                LoadedSeries ls = CtSupport.load(toolkit, series, SeriesLoader.Options.defaults().withDeTilt(!args.flag("keep-tilt")), progress);
                v = ls.volume();
                warnings.addAll(ls.warnings());
                json.put("source", "DICOM");
                json.put("seriesUid", series.seriesUid());
                json.put("description", series.description());
                json.put("slices", ls.slicesUsed());
                json.put("tiltDegrees", CtSupport.round(ls.tiltDegrees(), 2));
                json.put("deTilted", ls.deTilted());
                json.put("skipped", CtSupport.skippedJson(scan));
            }
            progress.report(-1, "writing " + out);
            Nifti.write(v, out);
        } catch (CtException e) {
            throw new CliException(e.getMessage(), e);
        } catch (IOException e) {
            throw new CliException(out + ": cannot write: " + e.getMessage(), e);
        }
        written.add(0, out.toString());
        json.put("output", out.toString());
        json.put("written", written);
        json.put("size", List.of(v.nx(), v.ny(), v.nz()));
        json.put("spacing", CtSupport.rounded(v.spacing(), 4));
        json.put("origin", CtSupport.rounded(v.origin(), 3));
        json.put("storage", v.isShort() ? "int16" : "float32");
        json.put("bytes", Files.size(out));
        json.put("warnings", warnings);
        StringBuilder text = new StringBuilder("wrote " + String.join(", ", written) + " (" + v + ")");
        for (String w : warnings)
            text.append("\nnote: ").append(w);
        return CliResult.of(json, text.toString());
    }
}
