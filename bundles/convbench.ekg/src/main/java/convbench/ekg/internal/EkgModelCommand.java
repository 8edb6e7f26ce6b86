package convbench.ekg.internal;

import convbench.cli.api.CliArgs;
import convbench.cli.api.CliCommand;
import convbench.cli.api.CliException;
import convbench.cli.api.CliProgress;
import convbench.cli.api.CliResult;
import convbench.core.model.ModelShapeException;
import convbench.dl4j.Nd4jContext;
import convbench.ekg.classify.BeatClassifier;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.osgi.service.component.annotations.Component;

/**
 * {@code ekg model <model.zip>}: opens a beat classifier file as EKG > Open Classifier Model... does and says what it
 * is (protocol, records, beats, window, input shape, best validation figures).
 */
@Component(service = CliCommand.class)
public final class EkgModelCommand implements CliCommand {
    @Override
    public String area() {
        return "ekg";
    }

    @Override
    public String action() {
        return "model";
    }

    @Override
    public String summary() {
        return "Open a trained beat classifier and describe it (protocol, records, beats, input, validation figures)";
    }

    @Override
    public String usage() {
        return "ekg model <model.zip from ekg train> [--json]";
    }

    @Override
    public CliResult run(CliArgs args, CliProgress progress) throws Exception {
        if (args.positional().isEmpty() && !args.has("model"))
            throw new CliException("missing model file: ekg model <model.zip>");
        Path file = args.has("model") ? args.existingPath("model") : Path.of(args.positional().get(0));
        return Nd4jContext.call(() -> {
            BeatClassifier.Loaded m;
            try {
                m = BeatClassifier.load(file);
            } catch (IOException | ModelShapeException e) {
                throw new CliException(e.getMessage(), e);
            }
            BeatClassifier.Info i = m.info();
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("model", file.toAbsolutePath().toString());
            j.put("protocol", i.protocol());
            j.put("classes", BeatClassifier.classNames());
            j.put("inputShape", m.model().inputShape());
            j.put("parameters", m.model().network().numParams());
            j.put("trainRecords", i.trainRecords());
            j.put("testRecords", i.testRecords());
            j.put("trainBeats", i.trainBeats());
            j.put("trainBeatsAvailable", i.trainBeatsBeforeSubsampling());
            j.put("validationBeats", i.validationBeats());
            j.put("window", Map.of("before", i.before(), "after", i.after(), "fs", i.fs()));
            j.put("featureSet", i.featureSet());
            j.put("features", i.features());
            j.put("validationRecords", i.validationRecords());
            j.put("seed", i.seed());
            j.put("metrics", m.model().metadata().metrics());
            String text = String.format("%s: %s-patient AAMI beat classifier, %d parameters, input %s%n"
                    + "trained on %d beats (of %d) of %d records, validation %d beats; test records %s%n"
                    + "window %.2f s before to %.2f s after R at %.0f Hz; features %s: %s%nbest validation%s: %s%n", file, i.protocol(),
                    m.model().network().numParams(), java.util.Arrays.toString(m.model().inputShape()), i.trainBeats(),
                    i.trainBeatsBeforeSubsampling(), i.trainRecords().size(), i.validationBeats(), i.testRecords(),
                    i.before(), i.after(), i.fs(), i.featureSet(), i.features(), i.validationRecords().isEmpty() ? ""
                            : " (records " + String.join(",", i.validationRecords()) + ")", m.model().metadata().metrics());
            return CliResult.of(j, text);
        });
    }
}
