package convbench.face.internal;

import convbench.cli.api.CliArgs;
import convbench.cli.api.CliCommand;
import convbench.cli.api.CliException;
import convbench.cli.api.CliProgress;
import convbench.cli.api.CliResult;
import convbench.core.units.SameDiffProbe;
import convbench.core.units.UnitExplorer;
import convbench.core.units.UnitExplorerException;
import convbench.core.units.UnitPatch;
import convbench.core.units.UnitReport;
import convbench.face.AlignedFaces;
import convbench.face.FaceAnalyzer;
import convbench.face.FaceException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Component;

/**
 * {@code face units}: the headless twin of Face > Explore Units: the k aligned faces of a folder that excite one unit
 * of the recognition net most, with the receptive field each was seen through.
 */
@Component(service = CliCommand.class)
public final class FaceUnitsCommand extends FaceCommandBase {
    @Override
    public String action() {
        return "units";
    }

    @Override
    public String summary() {
        return "Explore a unit of the face recognition net: the k faces of a folder that excite it most, with their"
                + " receptive fields";
    }

    @Override
    public String usage() {
        return "face units --images <folder or photo> [--layer NAME (default: the last convolution)] [--unit 0] [--k 9]"
                + " [--list-layers]" + COMMON;
    }

    @Override
    public CliResult run(CliArgs args, CliProgress progress) throws Exception {
        Path images = args.existingPath("images");
        FaceAnalyzer analyzer = analyzer(args);
        SameDiffProbe probe = analyzer.recognitionNet().unitProbe();
        List<SameDiffProbe.Layer> layers = probe.layers();
        Map<String, Object> json = new LinkedHashMap<>();
        if (args.flag("list-layers")) {
            json.put("layers", layers.stream().map(l -> Map.of("name", l.name(), "op", l.op(), "units", l.units())).toList());
            return result(json, String.join("\n", layers.stream().map(SameDiffProbe.Layer::label).toList()));
        }
        String layer = args.string("layer", layers.stream().filter(l -> l.op().contains("conv")).reduce((a, b) -> b)
                .orElseThrow().name());
        int unit = args.integer("unit", 0), k = args.integer("k", UnitExplorer.DEFAULT_K);
        AlignedFaces.Loaded faces;
        UnitReport r;
        try {
            faces = AlignedFaces.load(analyzer, images, (d, t, m) -> progress.report(0.5 * d / Math.max(1, t), m), () -> false);
            progress.report(0.5, "scanning " + faces.names().size() + " faces for unit " + unit + " of " + layer);
            r = UnitExplorer.explore(probe, faces.examples(), layer, unit, k, 8, () -> false);
        } catch (FaceException | UnitExplorerException e) {
            throw new CliException(e.getMessage(), e);
        }
        json.put("images", images.toString());
        json.putAll(r.toMap(faces.names()::get, false));
        json.put("skipped", faces.skipped());
        StringBuilder s = new StringBuilder(String.format("unit %d of %s %s: the top %d of %d faces%n", unit, layer,
                java.util.Arrays.toString(r.layerShape()), r.top().size(), r.scanned()));
        for (UnitPatch p : r.top())
            s.append(String.format("  %8.4f  %s  at %s, input rows %d..%d, columns %d..%d%n", p.activation(),
                    faces.names().get(p.example()), java.util.Arrays.toString(p.position()), p.start()[0], p.end()[0] - 1,
                    p.start()[1], p.end()[1] - 1));
        if (!faces.skipped().isEmpty())
            s.append("skipped: ").append(String.join("; ", faces.skipped()));
        return result(json, s.toString().stripTrailing());
    }
}
