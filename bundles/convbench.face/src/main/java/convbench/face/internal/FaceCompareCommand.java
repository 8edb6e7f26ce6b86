package convbench.face.internal;

import convbench.cli.api.CliArgs;
import convbench.cli.api.CliCommand;
import convbench.cli.api.CliException;
import convbench.cli.api.CliProgress;
import convbench.cli.api.CliResult;
import convbench.face.FaceException;
import convbench.face.train.FaceFeatures;
import convbench.face.train.IdentityFolder;
import convbench.face.train.MiningComparison;
import convbench.face.train.SiameseTrainer;
import convbench.face.train.SiameseTraining;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Component;

/**
 * {@code face compare}: batch-hard, semi-hard and random triplets and the binary head trained on the same identity
 * splits with the same seeds, held-out ROC AUC as mean and spread, and each mode's paired difference to random.
 */
@Component(service = CliCommand.class)
public final class FaceCompareCommand extends FaceCommandBase {
    @Override
    public String action() {
        return "compare";
    }

    @Override
    public String summary() {
        return "Compare triplet mining (batch-hard/semi-hard/random) and the binary head over several held-out identity"
                + " splits and seeds: held-out ROC AUC mean, spread and paired difference to random";
    }

    @Override
    public String usage() {
        return "face compare --data <root/person/images> [--splits 10] [--seeds 3] [--modes batch-hard,semi-hard,random,binary]"
                + " [--input dlib|dlib-mid|pixels] [--augment 8] [--cache embeddings.json] [--held-out 0.4] [--epochs 30] [--alpha 0.2]"
                + " [--lr 0.001] [--layers 64] [--batch-identities 4] [--batch-chips 8]" + COMMON;
    }

    @Override
    public CliResult run(CliArgs args, CliProgress progress) throws Exception {
        Path data = args.existingPath("data");
        SiameseTrainer.Config base = FaceTrainCommand.config(args);
        String input;
        List<String> modes = Arrays.stream(args.string("modes", String.join(",", MiningComparison.MODES)).split(","))
                .map(String::strip).toList();
        int augment = args.integer("augment", 8), splits = args.integer("splits", 10), seeds = args.integer("seeds", 3);
        double heldOut = args.number("held-out", 0.4);
        Path cache = args.has("cache") ? Path.of(args.required("cache")) : null;
        MiningComparison.Result r;
        try {
            input = FaceFeatures.check(args.string("input", FaceFeatures.DLIB));
            IdentityFolder.Loaded loaded = SiameseTraining.embeddings(analyzer(args), data, input, cache, augment,
                    (d, t, m) -> progress.report(-1, m), () -> false);
            r = MiningComparison.run(loaded.set(), heldOut, splits, seeds, base, modes, (done, total, last) -> progress.report(
                    (double) done / total, String.format("%d/%d: %s split %d seed %d held-out AUC %.4f", done, total, last.mode(),
                            last.split(), last.seed(), last.heldOutAuc())), () -> false);
        } catch (FaceException | IllegalArgumentException e) {
            throw new CliException(e.getMessage(), e);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("data", data.toString());
        json.put("input", input);
        json.put("trained", FaceTrainCommand.what(input));
        json.put("alpha", base.alpha());
        json.put("layers", base.layers());
        json.put("epochs", base.epochs());
        json.put("batch", base.identitiesPerBatch() + " identities x " + base.chipsPerIdentity() + " chips");
        json.put("augmentationsPerPhoto", augment);
        json.put("splits", r.splits());
        json.put("seeds", seeds);
        json.put("inputAloneHeldOutAucMean", r.inputAloneMean());
        json.put("modes", r.summaries().stream().map(MiningComparison.Summary::toMap).toList());
        json.put("runs", r.runs().stream().map(run -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("mode", run.mode());
            m.put("split", run.split());
            m.put("seed", run.seed());
            m.put("heldOutAuc", run.heldOutAuc());
            m.put("trainAuc", run.trainAuc());
            m.put("lastActive", run.lastActive());
            return m;
        }).toList());
        StringBuilder s = new StringBuilder(String.format("%s input, %d splits x %d seeds, %d epochs, alpha %s, batches %s, %d chips"
                + " per photo; held-out identity sets: %s%n", input, r.splits().size(), seeds, base.epochs(), base.alpha(),
                json.get("batch"), augment, r.splits()));
        s.append(String.format("%-11s %5s %8s %7s %7s %7s %9s %14s %5s%n", "mode", "runs", "AUC mean", "sd", "min", "max",
                "train AUC", "minus random", "wins"));
        for (MiningComparison.Summary m : r.summaries())
            s.append(String.format("%-11s %5d %8.4f %7.4f %7.4f %7.4f %9.4f %14s %5s%n", m.mode(), m.runs(), m.mean(), m.sd(),
                    m.min(), m.max(), m.trainMean(), Double.isNaN(m.vsRandomMean()) ? "-"
                            : String.format("%+.4f+-%.4f", m.vsRandomMean(), m.vsRandomSd()),
                    Double.isNaN(m.vsRandomMean()) ? "-" : m.winsVsRandom() + "/" + m.runs()));
        s.append(String.format("input alone (no head), mean held-out AUC: %.4f", r.inputAloneMean()));
        return result(json, s.toString());
    }
}
