package convbench.ekg.internal;

import convbench.cli.api.CliArgs;
import convbench.cli.api.CliCommand;
import convbench.cli.api.CliException;
import convbench.cli.api.CliProgress;
import convbench.cli.api.CliResult;
import convbench.core.model.ModelShapeException;
import convbench.dl4j.Nd4jContext;
import convbench.ekg.EcgFormatException;
import convbench.ekg.EcgReaders;
import convbench.ekg.EcgRecord;
import convbench.ekg.classify.BeatClassifier;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Component;

/**
 * {@code ekg classify --record R --model M}: the class of every beat of a record (its annotated beats, or the QRS
 * detector's when it has none), with the reference class where there is one.
 */
@Component(service = CliCommand.class)
public final class EkgClassifyCommand implements CliCommand {
    @Override
    public String area() {
        return "ekg";
    }

    @Override
    public String action() {
        return "classify";
    }

    @Override
    public String summary() {
        return "Classify every beat of a record (AAMI N/S/V/F/Q) with a trained beat classifier";
    }

    @Override
    public String usage() {
        return "ekg classify --record <record (.hea, .dat, base path, .edf, .csv)> --model <model.zip from ekg train> [--json]\n"
                + "  beats: the record's beat annotations when it has them, else the QRS detector's";
    }

    @Override
    public CliResult run(CliArgs args, CliProgress progress) throws Exception {
        String given = args.has("record") ? args.required("record") : args.positional().isEmpty() ? null : args.positional().get(0);
        if (given == null)
            throw new CliException("missing record: ekg classify --record <R> --model <M>");
        Path modelFile = args.existingPath("model");
        EcgRecord rec;
        try {
            rec = EcgReaders.open(Path.of(given));
        } catch (EcgFormatException e) {
            throw new CliException(e.getMessage(), e);
        }
        return Nd4jContext.call(() -> {
            BeatClassifier.Loaded model;
            try {
                model = BeatClassifier.load(modelFile);
            } catch (IOException | ModelShapeException e) {
                throw new CliException(e.getMessage(), e);
            }
            progress.report(-1, "classifying the beats of " + rec.name());
            BeatClassifier.Predictions p = BeatClassifier.classify(model, rec);
            List<String> names = BeatClassifier.classNames();
            List<Map<String, Object>> beats = new ArrayList<>(p.size());
            long agree = 0;
            for (int i = 0; i < p.size(); i++) {
                Map<String, Object> b = new LinkedHashMap<>();
                b.put("sample", p.samples()[i]);
                b.put("time", p.samples()[i] / p.fs());
                b.put("class", names.get(p.classes()[i]));
                b.put("p", p.probabilities()[i][p.classes()[i]]);
                if (p.reference() != null) {
                    b.put("reference", names.get(p.reference()[i]));
                    if (p.reference()[i] == p.classes()[i])
                        agree++;
                }
                beats.add(b);
            }
            Map<String, Object> counts = new LinkedHashMap<>();
            long[] c = p.counts();
            for (int k = 0; k < names.size(); k++)
                counts.put(names.get(k), c[k]);
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("record", rec.name());
            json.put("model", modelFile.toString());
            json.put("fs", p.fs());
            json.put("beatSource", p.detected() ? "qrs-detector" : "annotations");
            json.put("count", p.size());
            json.put("counts", counts);
            StringBuilder text = new StringBuilder(String.format("record %s: %d beats (%s) %s%n", rec.name(), p.size(),
                    p.detected() ? "detected" : "annotated", counts));
            if (p.reference() != null) {
                double acc = p.size() == 0 ? Double.NaN : (double) agree / p.size();
                json.put("agreement", acc);
                text.append(String.format("agreement with the annotations: %.2f %%%n", 100 * acc));
            }
            json.put("beats", beats);
            return CliResult.of(json, text.toString());
        });
    }
}
