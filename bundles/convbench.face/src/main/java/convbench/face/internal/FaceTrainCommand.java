package convbench.face.internal;

import convbench.cli.api.CliArgs;
import convbench.cli.api.CliCommand;
import convbench.cli.api.CliException;
import convbench.cli.api.CliProgress;
import convbench.cli.api.CliResult;
import convbench.face.FaceException;
import convbench.face.train.ChipAugmenter;
import convbench.face.train.FaceFeatures;
import convbench.face.train.Mining;
import convbench.face.train.PairEvaluation;
import convbench.face.train.SiameseHead;
import convbench.face.train.SiameseListener;
import convbench.face.train.SiameseTrainer;
import convbench.face.train.SiameseTraining;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.osgi.service.component.annotations.Component;

/**
 * {@code face train}: a Siamese head on the frozen dlib embeddings of a folder-per-identity set, trained with the
 * triplet loss (batch-hard, semi-hard or random triplets) or as binary classification of pairs, and evaluated on
 * held-out identities.
 */
@Component(service = CliCommand.class)
public final class FaceTrainCommand extends FaceCommandBase {
    static String what(String input) {
        return switch (input) {
            case FaceFeatures.DLIB -> "a head (dense layers, L2-normalised output) on the 128-d embeddings of the frozen dlib"
                    + " ResNet; the ResNet itself is not changed";
            case FaceFeatures.MIDDLE -> "a head (dense layers, L2-normalised output) on the frozen dlib ResNet's mid-level"
                    + " features (conv128 stage, 128 channels averaged over positions)";
            default -> "an encoder from scratch (dense layers, L2-normalised output) on the aligned chips as 32x32"
                    + " standardised grey levels";
        };
    }

    @Override
    public String action() {
        return "train";
    }

    @Override
    public String summary() {
        return "Train a Siamese head on a folder-per-identity set (triplet loss with batch-hard/semi-hard/random triplets,"
                + " or binary classification of pairs); ROC/AUC on held-out identities";
    }

    @Override
    public String usage() {
        return "face train --data <root/person/images> [--loss triplet|binary] [--mining batch-hard|semi-hard|random]"
                + " [--input dlib|dlib-mid|pixels] [--epochs 30] [--seed 1] [--out head.zip] [--cache embeddings.json] [--augment 1.."
                + ChipAugmenter.MAX + " (chips per photo, default 8)] [--held-out 0.4 (share of identities)]"
                + " [--alpha 0.2] [--lr 0.001] [--layers 64 (comma-separated sizes; dlib-mid and pixels: 128,64)] [--batch-identities 4]"
                + " [--batch-chips 8] [--show-triplets 5]" + COMMON;
    }

    static SiameseTrainer.Config config(CliArgs args) throws CliException {
        try {
            SiameseHead.Loss loss = SiameseHead.Loss.fromId(args.string("loss", "triplet"));
            Mining mining = Mining.fromId(args.string("mining", "batch-hard"));
            int[] layers = Arrays.stream(args.string("layers", args.string("input", FaceFeatures.DLIB).equals(FaceFeatures.DLIB) ? "64" : "128,64").split(",")).map(String::strip).mapToInt(Integer::parseInt).toArray();
            return new SiameseTrainer.Config(loss, mining, layers, true, args.number("alpha", 0.2), args.number("lr", 1e-3),
                    args.integer("epochs", 30), args.integer("batch-identities", 4), args.integer("batch-chips", 8),
                    args.integer("seed", 1));
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage(), e);
        }
    }

    @Override
    public CliResult run(CliArgs args, CliProgress progress) throws Exception {
        Path data = args.existingPath("data");
        SiameseTrainer.Config c = config(args);
        double heldOut = args.number("held-out", 0.4);
        int augment = args.integer("augment", 8);
        Path cache = args.has("cache") ? Path.of(args.required("cache")) : null;
        SiameseTraining.Request req;
        try {
            req = new SiameseTraining.Request(data, FaceFeatures.check(args.string("input", FaceFeatures.DLIB)), cache, augment, heldOut, c);
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage(), e);
        }
        SiameseListener live = new SiameseListener() {
            @Override
            public void onEpoch(Epoch e) {
                progress.report((double) e.epoch() / c.epochs(), String.format("epoch %d/%d: loss %.4f, held-out AUC %.4f",
                        e.epoch(), c.epochs(), e.meanLoss(), e.heldOut() == null ? Double.NaN : e.heldOut().auc()));
            }
        };
        SiameseTraining.Outcome o;
        try {
            o = SiameseTraining.run(analyzer(args), req, live, (d, t, m) -> progress.report(-1, m));
        } catch (FaceException | IllegalArgumentException e) {
            throw new CliException(e.getMessage(), e);
        }
        String out = null;
        if (args.has("out")) {
            Path p = Path.of(args.required("out"));
            try {
                o.head().save(p);
            } catch (IOException e) {
                throw new CliException(e.getMessage(), e);
            }
            out = p.toString();
        }
        int show = args.integer("show-triplets", 5);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("data", data.toString());
        json.put("input", req.input());
        json.put("trained", what(req.input()));
        json.put("loss", c.loss().id());
        if (c.loss() == SiameseHead.Loss.TRIPLET) {
            json.put("mining", c.mining().id());
            json.put("alpha", c.alpha());
        }
        json.put("layers", c.layers());
        json.put("epochs", c.epochs());
        json.put("seed", c.seed());
        json.put("augmentationsPerPhoto", augment);
        json.put("trainIdentities", o.trainIdentities());
        json.put("heldOutIdentities", o.heldOutIdentities());
        json.put("trainChips", o.trainChips());
        json.put("heldOutChips", o.heldOutChips());
        if (!o.skipped().isEmpty())
            json.put("skipped", o.skipped());
        json.put("train", o.train().toMap());
        json.put("heldOut", o.heldOut().toMap());
        json.put("baselineHeldOut", o.baselineHeldOut().toMap());
        json.put("threshold", o.head().threshold());
        json.put("firstLoss", o.losses().isEmpty() ? null : o.losses().get(0));
        json.put("lastLoss", o.losses().isEmpty() ? null : o.losses().get(o.losses().size() - 1));
        json.put("triplets", o.lastTriplets().stream().limit(show).map(SiameseTraining.ChosenTriplet::toMap).toList());
        if (out != null)
            json.put("out", out);
        return result(json, text(o, out));
    }

    private static String text(SiameseTraining.Outcome o, String out) {
        StringBuilder s = new StringBuilder();
        PairEvaluation.Verification h = o.heldOut(), p = o.baselineHeldOut(), t = o.train();
        s.append(String.format("%s; held out: %s%n", SiameseTrainer.describe(o.config()) + ", " + o.config().epochs() + " epochs, seed " + o.config().seed(), o.heldOutIdentities()));
        s.append(String.format("train    AUC %.4f, best threshold %.4f (%s), accuracy %.4f%n", t.auc(), t.threshold(), t.metric(), t.accuracy()));
        s.append(String.format("held-out AUC %.4f, best threshold %.4f (%s), accuracy %.4f (%d same / %d different pairs)%n",
                h.auc(), h.threshold(), h.metric(), h.accuracy(), h.positives(), h.negatives()));
        s.append(String.format("held-out AUC of the input alone (no head): %.4f%n", p.auc()));
        for (SiameseTraining.ChosenTriplet c : o.lastTriplets())
            s.append(String.format("triplet d(A,P) %.4f d(A,N) %.4f L %.4f: A %s | P %s | N %s%n", c.dAP(), c.dAN(), c.loss(),
                    c.anchor(), c.positive(), c.negative()));
        if (out != null)
            s.append("head written to ").append(out).append('\n');
        return s.toString().stripTrailing();
    }
}
