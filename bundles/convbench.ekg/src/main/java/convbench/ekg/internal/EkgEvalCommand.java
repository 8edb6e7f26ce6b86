package convbench.ekg.internal;

import convbench.compute.CliJobs;
import convbench.cli.api.CliArgs;
import convbench.cli.api.CliCommand;
import convbench.cli.api.CliException;
import convbench.cli.api.CliProgress;
import convbench.cli.api.CliResult;
import convbench.core.eval.ConfusionMatrix;
import convbench.core.model.ModelShapeException;
import convbench.dl4j.Nd4jContext;
import convbench.ekg.classify.BeatClassifier;
import convbench.ekg.classify.BeatReport;
import convbench.ekg.classify.ClassifierJobs;
import convbench.ekg.classify.Protocol;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.osgi.service.component.annotations.Component;

/**
 * {@code ekg eval --db <mitdb> --model M}: tests a trained beat classifier on its protocol's test beats (intra: the
 * same seeded 20 % split as in training; inter: DS2).
 */
@Component(service = CliCommand.class)
public final class EkgEvalCommand implements CliCommand {
    @Override
    public String area() {
        return "ekg";
    }

    @Override
    public String action() {
        return "eval";
    }

    @Override
    public String summary() {
        return "Test a trained beat classifier on MIT-BIH (per-class Se, +P, F1, macro F1, confusion matrix)";
    }

    @Override
    public String usage() {
        return "ekg eval --db <mitdb folder> --model <model.zip from ekg train> [--protocol intra|inter (default: the model's)]"
                + " [--records 100,101,... (default: the model's)] [--json]";
    }

    @Override
    public CliResult run(CliArgs args, CliProgress progress) throws Exception {
        Path db = args.existingPath("db");
        Path modelFile = args.existingPath("model");
        return Nd4jContext.call(() -> {
            progress.report(-1, "loading " + modelFile.getFileName());
            BeatClassifier.Loaded model;
            try {
                model = BeatClassifier.load(modelFile);
            } catch (IOException | ModelShapeException e) {
                throw new CliException(e.getMessage(), e);
            }
            Protocol protocol = args.has("protocol") ? EkgTrainCommand.protocol(args, null) : null;
            ClassifierJobs.Evaluated ev;
            try {
                ev = new ClassifierJobs.Evaluate(model, modelFile, db, protocol, EkgTrainCommand.records(args))
                        .run(CliJobs.context(progress));
            } catch (IllegalArgumentException e) {
                throw new CliException(e.getMessage(), e);
            }
            ConfusionMatrix cm = ev.confusion();
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("testBeats", ev.testBeats());
            extra.put("testRecords", ev.testRecords());
            extra.put("seed", ev.seed());
            extra.put("trainedWith", ev.trainedWith().id());
            extra.put("trainedInDevRun", model.info().dev());
            extra.put("warnings", ev.warnings());
            String text = BeatReport.text(ev.protocol(), cm, modelFile.toString());
            for (String w : ev.warnings())
                text += "warning: " + w + "\n";
            return CliResult.of(BeatReport.toMap(ev.protocol(), cm, modelFile.toString(), extra), text);
        });
    }
}
