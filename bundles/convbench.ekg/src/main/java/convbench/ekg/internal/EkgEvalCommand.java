package convbench.ekg.internal;

import convbench.cli.api.CliArgs;
import convbench.cli.api.CliCommand;
import convbench.cli.api.CliException;
import convbench.cli.api.CliProgress;
import convbench.cli.api.CliResult;
import convbench.core.eval.ConfusionMatrix;
import convbench.core.model.ModelShapeException;
import convbench.dl4j.Nd4jContext;
import convbench.ekg.classify.BeatClassifier;
import convbench.ekg.classify.BeatDataset;
import convbench.ekg.classify.BeatReport;
import convbench.ekg.classify.Protocol;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
            BeatClassifier.Info info = model.info();
            Protocol trained = info.protocolEnum();
            Protocol protocol = EkgTrainCommand.protocol(args, trained);
            List<String> records = EkgTrainCommand.records(args);
            if (records == null)
                records = protocol == trained ? union(info.trainRecords(), info.testRecords()) : null;
            List<String> warnings = new ArrayList<>();
            if (protocol != trained)
                warnings.add("the model was trained with the " + trained.id() + " protocol: its training beats may be"
                        + " among the " + protocol.id() + " test beats");
            BeatDataset test;
            try {
                test = protocol.testSet(db, EkgQrsCommand.recordsOf(db), records, info.seed(),
                        (i, r) -> progress.report(-1, "reading record " + r));
            } catch (IllegalArgumentException e) {
                throw new CliException(e.getMessage(), e);
            }
            progress.report(-1, "testing on " + test.size() + " beats");
            ConfusionMatrix cm = BeatClassifier.evaluate(model.model().network(), test, () -> false);
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("testBeats", test.size());
            extra.put("testRecords", test.recordsPresent());
            extra.put("seed", info.seed());
            extra.put("trainedWith", trained.id());
            extra.put("warnings", warnings);
            String text = BeatReport.text(protocol, cm, modelFile.toString());
            for (String w : warnings)
                text += "warning: " + w + "\n";
            return CliResult.of(BeatReport.toMap(protocol, cm, modelFile.toString(), extra), text);
        });
    }

    private static List<String> union(List<String> a, List<String> b) {
        List<String> u = new ArrayList<>(a);
        for (String r : b)
            if (!u.contains(r))
                u.add(r);
        return u;
    }
}
