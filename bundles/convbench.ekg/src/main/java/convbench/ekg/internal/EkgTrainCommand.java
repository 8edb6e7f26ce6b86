package convbench.ekg.internal;

import convbench.compute.CliJobs;
import convbench.cli.api.CliArgs;
import convbench.cli.api.CliCommand;
import convbench.cli.api.CliException;
import convbench.cli.api.CliProgress;
import convbench.cli.api.CliResult;
import convbench.compute.ComputeService;
import convbench.core.eval.ConfusionMatrix;
import convbench.core.train.EpochMetrics;
import convbench.core.train.TrainingCallbacks;
import convbench.core.train.TrainingResult;
import convbench.ekg.classify.BeatClassifier;
import convbench.ekg.classify.BeatReport;
import convbench.ekg.classify.ClassifierJobs;
import convbench.ekg.classify.Protocol;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;

/**
 * {@code ekg train --db <mitdb> --protocol intra|inter}: builds the protocol's beat sets, trains the 1D convnet (as a
 * {@link ClassifierJobs.Train} on the compute service's device lane when the service is there), tests it and writes the model file.
 */
@Component(service = CliCommand.class)
public final class EkgTrainCommand implements CliCommand {
    @Reference(cardinality = ReferenceCardinality.OPTIONAL)
    private volatile ComputeService compute;

    public EkgTrainCommand() {
    }

    /** @param compute the service to train on, or null to train in the calling thread */
    public EkgTrainCommand(ComputeService compute) {
        this.compute = compute;
    }

    @Override
    public String area() {
        return "ekg";
    }

    @Override
    public String action() {
        return "train";
    }

    @Override
    public String summary() {
        return "Train the 1D convnet beat classifier (AAMI N/S/V/F/Q) on MIT-BIH and test it (intra- or inter-patient)";
    }

    @Override
    public String usage() {
        return "ekg train --db <mitdb folder> --protocol intra|inter [--epochs N (12)] [--out model.zip (ekg-beats-<protocol>.zip)]"
                + " [--records 100,101,...] [--max-train-beats N (0: all)] [--batch 128] [--lr 0.002] [--patience 4] [--seed 42]"
                + " [--weight-power 0.5] [--augment true|false] [--validation-records 203,208,... (inter)] [--dev] [--json]\n"
                + "  intra: all beats shuffled, 80 % train / 20 % test; inter: train DS1, test DS2, paced records excluded;\n"
                + "  early stopping on validation macro F1 (intra: 10 % of the training beats; inter: DS1 records left out,\n"
                + "  a seeded random 20 % of them or --validation-records); --weight-power p: class weights (inverse class frequency)^p;\n"
                + "  --augment: random gain, baseline, noise and time shift of the training beats' waveforms;\n"
                + "  --dev: report the validation set instead of the test set, which is never read (inter: DS2 stays unseen;\n"
                + "  choose settings with --dev, then run the chosen ones once without it)";
    }

    @Override
    public CliResult run(CliArgs args, CliProgress progress) throws Exception {
        Path db = args.existingPath("db");
        Protocol protocol = protocol(args, null);
        BeatClassifier.Settings d = BeatClassifier.Settings.defaults();
        BeatClassifier.Settings s = new BeatClassifier.Settings(positive(args, "epochs", d.epochs()), positive(args, "batch", d.batchSize()),
                args.number("lr", d.learningRate()), positive(args, "patience", d.patience()), args.integer("max-train-beats", 0),
                args.integer("seed", (int) d.seed()), args.number("weight-power", d.weightPower()),
                args.has("augment") ? args.flag("augment") : d.augment());
        if (!(s.weightPower() >= 0 && s.weightPower() <= 2))
            throw new CliException("--weight-power must be in [0, 2], got " + s.weightPower());
        List<String> valRecs = args.has("validation-records") ? list(args.required("validation-records")) : null;
        boolean dev = args.flag("dev");
        Path out = Path.of(args.string("out", "ekg-beats-" + protocol.id() + ".zip")).toAbsolutePath();
        TrainingCallbacks cb = new TrainingCallbacks() {
            @Override
            public void onProgress(double fraction, String message) {
                progress.report(fraction, message);
            }

            @Override
            public void onEpoch(EpochMetrics m) {
                progress.report(-1, String.format("epoch %d: train loss %.4f, val loss %.4f, val accuracy %.4f, val macro F1 %.4f (%.0f s)",
                        m.epoch(), m.trainLoss(), m.valLoss(), m.valAccuracy(), m.valMacroF1(), m.seconds()));
            }
        };
        ClassifierJobs.Train job = new ClassifierJobs.Train(new ClassifierJobs.TrainRequest(db, protocol, records(args), s, out,
                new Protocol.Holdout(valRecs, dev)),
                cb, false);
        ComputeService service = compute;
        ClassifierJobs.Trained t;
        try {
            t = CliJobs.run(service, job, CliProgress.NONE);
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage(), e);
        }
        Protocol.Data data = t.data();
        TrainingResult result = t.result();
        ConfusionMatrix cm = t.test();
        List<EpochMetrics> epochs = t.epochs();
        double trainSeconds = t.trainSeconds();
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("trainBeats", data.train().size());
        extra.put("trainBeatsAvailable", data.trainBeatsBeforeSubsampling());
        extra.put("validationBeats", data.validation().size());
        extra.put("validationRecords", protocol == Protocol.INTER ? data.validation().recordsPresent() : "random 10 % of the training beats");
        extra.put("dev", data.dev());
        if (data.dev())
            extra.put("tested", "the validation set (dev run: the protocol's test set was not read)");
        extra.put("weightPower", s.weightPower());
        extra.put("augment", s.augment());
        extra.put("testBeats", data.test().size());
        extra.put("trainRecords", data.trainRecords());
        extra.put("testRecords", data.testRecords());
        extra.put("epochs", epochs.size());
        extra.put("bestEpoch", result.bestEpoch());
        extra.put("stopReason", result.stopReason());
        extra.put("history", epochs.stream().map(m -> Map.of("epoch", m.epoch(), "trainLoss", m.trainLoss(), "valLoss",
                m.valLoss(), "valMacroF1", m.valMacroF1())).toList());
        extra.put("trainSeconds", trainSeconds);
        extra.put("trainBeatsPerSecond", data.train().size() * (double) epochs.size() / trainSeconds);
        extra.put("computeService", service != null);
        extra.put("seed", s.seed());
        Map<String, Object> json = BeatReport.toMap(protocol, cm, out.toString(), extra);
        if (data.dev()) { // held-out DS1 figures are not DS2's: no comparison with de Chazal's
            json.remove("deChazal2004");
            json.remove("beatsDeChazal");
        }
        return CliResult.of(json, BeatReport.text(protocol, cm, out.toString(), data.dev())
                + String.format("%d training beats (of %d), %d epochs (best %d), %.0f s%n", data.train().size(),
                        data.trainBeatsBeforeSubsampling(), epochs.size(), result.bestEpoch(), trainSeconds));
    }

    static Protocol protocol(CliArgs args, Protocol fallback) throws CliException {
        if (!args.has("protocol")) {
            if (fallback != null)
                return fallback;
            throw new CliException("missing --protocol intra|inter");
        }
        try {
            return Protocol.parse(args.required("protocol"));
        } catch (IllegalArgumentException e) {
            throw new CliException("--protocol: " + e.getMessage(), e);
        }
    }

    static List<String> records(CliArgs args) throws CliException {
        return args.has("records") ? list(args.required("records")) : null;
    }

    private static List<String> list(String commaSeparated) {
        return List.of(commaSeparated.split(",")).stream().map(String::trim).filter(r -> !r.isEmpty()).toList();
    }

    private static int positive(CliArgs args, String name, int fallback) throws CliException {
        int v = args.integer(name, fallback);
        if (v < 1)
            throw new CliException("--" + name + " must be >= 1, got " + v);
        return v;
    }
}
