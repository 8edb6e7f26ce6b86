package convbench.core.units.internal;

import convbench.cli.api.CliArgs;
import convbench.cli.api.CliCommand;
import convbench.cli.api.CliException;
import convbench.cli.api.CliProgress;
import convbench.cli.api.CliResult;
import convbench.core.data.ExampleSource;
import convbench.core.model.LoadedModel;
import convbench.core.model.ModelShapeException;
import convbench.core.units.UnitExplorer;
import convbench.core.units.UnitExplorerException;
import convbench.core.units.UnitInputs;
import convbench.core.units.UnitPatch;
import convbench.core.units.UnitReport;
import convbench.dl4j.Nd4jContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.IntFunction;
import org.osgi.service.component.annotations.Component;

/**
 * {@code units --model M --data D --layer L --unit U}: the k inputs that excite a unit most, with their receptive
 * fields. D is a NumPy {@code .npy} of examples [N, C, ...spatial] (what the plugins export: beat windows, image
 * patches, sub-volumes) or a folder of PNG/JPEG images (2D, read with the model's channel count, values 0..1).
 */
@Component(service = CliCommand.class)
public final class UnitsCommand implements CliCommand {
    @Override
    public String area() {
        return "units";
    }

    @Override
    public String action() {
        return "";
    }

    @Override
    public String summary() {
        return "Unit explorer: the inputs (and receptive-field patches) that excite one unit of a model most";
    }

    @Override
    public String usage() {
        return "units --model <ConvBench model .zip | TF.js model.json> --data <examples .npy [N,C,...] | folder of .png/.jpg>"
                + " --layer <name> --unit <channel> [--k 9] [--batch 32] [--patches (include patch values)] [--json]";
    }

    @Override
    public CliResult run(CliArgs args, CliProgress progress) throws Exception {
        Path modelFile = args.existingPath("model");
        Path data = args.existingPath("data");
        String layer = args.required("layer");
        int unit = args.integer("unit", -1);
        if (unit < 0)
            throw new CliException("--unit expects a unit (channel) number >= 0");
        int k = args.integer("k", UnitExplorer.DEFAULT_K);
        int batch = args.integer("batch", 32);
        boolean withPatches = args.flag("patches");
        return Nd4jContext.call(() -> {
            progress.report(-1, "loading " + modelFile.getFileName());
            LoadedModel model;
            try {
                model = UnitInputs.loadModel(modelFile);
            } catch (IOException e) {
                throw new CliException(e.getMessage(), e);
            }
            ExampleSource source = open(data, model.inputShape());
            try {
                model.checkInput(source.featureShape());
                progress.report(-1, "scanning " + source.size() + " examples");
                UnitReport r = UnitExplorer.explore(model.network(), source, layer, unit, k, batch, () -> false);
                IntFunction<String> name = UnitInputs.names(source, data);
                progress.report(1, "done");
                return CliResult.of(r.toMap(name, withPatches), text(r, name));
            } catch (ModelShapeException | UnitExplorerException e) {
                throw new CliException(e.getMessage(), e);
            } catch (UncheckedIOException e) {
                throw new CliException(e.getCause().getMessage(), e);
            } finally {
                UnitInputs.close(source);
            }
        });
    }

    private static ExampleSource open(Path data, int[] inputShape) throws CliException {
        try {
            return UnitInputs.openData(data, inputShape);
        } catch (IOException | IllegalArgumentException e) {
            throw new CliException(e.getMessage(), e);
        }
    }

    private static String text(UnitReport r, IntFunction<String> name) {
        StringBuilder sb = new StringBuilder(String.format("layer %s unit %d, %d examples scanned, top %d:%n", r.layer(),
                r.unit(), r.scanned(), r.top().size()));
        for (UnitPatch p : r.top())
            sb.append(String.format("  %-30s activation %.5g at %s, patch %s..%s%n", name.apply(p.example()), p.activation(),
                    Arrays.toString(p.position()), Arrays.toString(p.start()), Arrays.toString(p.end())));
        return sb.toString();
    }
}
