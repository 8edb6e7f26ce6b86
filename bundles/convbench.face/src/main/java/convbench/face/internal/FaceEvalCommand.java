package convbench.face.internal;

import convbench.cli.api.CliArgs;
import convbench.cli.api.CliCommand;
import convbench.cli.api.CliException;
import convbench.cli.api.CliProgress;
import convbench.cli.api.CliResult;
import convbench.face.Alignment;
import convbench.face.FaceAnalyzer;
import convbench.face.FaceException;
import convbench.face.RgbImage;
import convbench.face.train.EmbeddingSet;
import convbench.face.train.FaceFeatures;
import convbench.face.train.IdentityFolder;
import convbench.face.train.LfwPairs;
import convbench.face.train.PairEvaluation;
import convbench.face.train.SiameseHead;
import convbench.face.train.SiameseTraining;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Component;

/**
 * {@code face eval}: a trained Siamese head (or the dlib embeddings alone, {@code --model dlib}) on every pair of a
 * folder-per-identity set, or on LFW's pairs.txt with the 10-fold protocol.
 */
@Component(service = CliCommand.class)
public final class FaceEvalCommand extends FaceCommandBase {
    @Override
    public String action() {
        return "eval";
    }

    @Override
    public String summary() {
        return "Evaluate a Siamese head (face train --out) on the pairs of a folder-per-identity set, or LFW pairs.txt"
                + " (10-fold protocol): ROC AUC, best threshold, accuracy";
    }

    @Override
    public String usage() {
        return "face eval --data <root/person/images> --model <head.zip | dlib> [--pairs pairs.txt (LFW: root/name/name_0001.jpg)]"
                + " [--augment 1 (chips per photo)] [--cache embeddings.json]" + COMMON;
    }

    @Override
    public CliResult run(CliArgs args, CliProgress progress) throws Exception {
        Path data = args.existingPath("data");
        String modelArg = args.required("model");
        SiameseHead head = modelArg.equals("dlib") ? null : face(() -> SiameseHead.load(Path.of(modelArg)));
        FaceAnalyzer analyzer = analyzer(args);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("data", data.toString());
        json.put("model", modelArg);
        json.put("metric", head == null ? "squared-euclidean" : head.metric());
        String input = head == null ? FaceFeatures.DLIB : head.input();
        json.put("input", input);
        try {
            if (args.has("pairs"))
                return lfw(args, data, head, input, analyzer, json, progress);
            Path cache = args.has("cache") ? Path.of(args.required("cache")) : null;
            IdentityFolder.Loaded loaded = SiameseTraining.embeddings(analyzer, data, input, cache, args.integer("augment", 1),
                    (d, t, m) -> progress.report(t == 0 ? -1 : (double) d / t, m), () -> false);
            EmbeddingSet set = loaded.set();
            PairEvaluation.Verification v = PairEvaluation.evaluate(head, set);
            json.put("identities", set.presentIdentities());
            json.put("chips", set.size());
            if (!loaded.skipped().isEmpty())
                json.put("skipped", loaded.skipped());
            json.putAll(v.toMap());
            if (head != null && !Double.isNaN(head.threshold())) {
                json.put("modelThreshold", head.threshold());
                json.put("accuracyAtModelThreshold", accuracyAt(head, set, head.threshold()));
            }
            return result(json, String.format("%s on %d chips of %s: AUC %.4f, best threshold %.4f (%s), accuracy %.4f"
                    + " (%d same / %d different pairs)", modelArg, set.size(), set.presentIdentities(), v.auc(), v.threshold(),
                    v.metric(), v.accuracy(), v.positives(), v.negatives()));
        } catch (FaceException | IllegalArgumentException e) {
            throw new CliException(e.getMessage(), e);
        }
    }

    /** Accuracy on the set's pairs at the threshold stored with the model (chosen on its training pairs). */
    private static double accuracyAt(SiameseHead head, EmbeddingSet set, double threshold) throws Exception {
        PairEvaluation.Pairs p = PairEvaluation.pairs(set);
        double[] s = head.pairScores(set.embeddings(), p.i(), p.j());
        boolean distance = head.loss() == SiameseHead.Loss.TRIPLET;
        int ok = 0;
        for (int k = 0; k < s.length; k++)
            if ((distance ? -s[k] <= threshold : s[k] >= threshold) == p.same()[k])
                ok++;
        return (double) ok / s.length;
    }

    private static CliResult lfw(CliArgs args, Path root, SiameseHead head, String input, FaceAnalyzer analyzer, Map<String, Object> json,
            CliProgress progress) throws Exception {
        Path pairsFile = args.existingPath("pairs");
        List<LfwPairs.Pair> pairs = LfwPairs.read(pairsFile);
        // every distinct image once: largest face, dlib chip, dlib embedding
        Map<Path, float[]> embedded = new LinkedHashMap<>();
        List<String> failed = new ArrayList<>();
        for (LfwPairs.Pair p : pairs)
            for (Path img : List.of(LfwPairs.image(root, p.name1(), p.image1()), LfwPairs.image(root, p.name2(), p.image2()))) {
                if (embedded.containsKey(img) || failed.stream().anyMatch(f -> f.startsWith(img + ":")))
                    continue;
                progress.report((double) embedded.size() / (2 * pairs.size()), "embedding " + root.relativize(img));
                if (!Files.isRegularFile(img))
                    throw new FaceException(img + " named by " + pairsFile + " does not exist (LFW layout: root/name/name_0001.jpg)");
                try {
                    RgbImage chip = analyzer.single(RgbImage.read(img), img.toString(), Alignment.DLIB_CHIP).face().chip();
                    embedded.put(img, FaceFeatures.of(input, analyzer, chip)[0]);
                } catch (FaceException e) {
                    failed.add(img + ": " + e.getMessage());
                }
            }
        List<Path> keys = new ArrayList<>(embedded.keySet());
        float[][] x = keys.stream().map(embedded::get).toArray(float[][]::new);
        List<LfwPairs.Pair> used = new ArrayList<>();
        List<int[]> idx = new ArrayList<>();
        for (LfwPairs.Pair p : pairs) {
            int a = keys.indexOf(LfwPairs.image(root, p.name1(), p.image1())), b = keys.indexOf(LfwPairs.image(root, p.name2(), p.image2()));
            if (a >= 0 && b >= 0) {
                used.add(p);
                idx.add(new int[] {a, b});
            }
        }
        int[] i = idx.stream().mapToInt(v -> v[0]).toArray(), j = idx.stream().mapToInt(v -> v[1]).toArray();
        double[] scores;
        if (head != null) {
            scores = head.pairScores(x, i, j);
        } else {
            scores = new double[i.length];
            for (int k = 0; k < i.length; k++)
                scores[k] = -convbench.face.FaceDatabase.distance(x[i[k]], x[j[k]]);
        }
        boolean[] same = new boolean[used.size()];
        int[] fold = new int[used.size()];
        for (int k = 0; k < same.length; k++) {
            same[k] = used.get(k).same();
            fold[k] = used.get(k).fold();
        }
        boolean distance = head == null || head.loss() == SiameseHead.Loss.TRIPLET;
        PairEvaluation.Verification all = PairEvaluation.of(scores, same, distance);
        LfwPairs.TenFold tf = LfwPairs.evaluate(scores, same, fold);
        json.put("pairs", pairs.size());
        json.put("pairsEvaluated", used.size());
        if (!failed.isEmpty())
            json.put("imagesWithoutFace", failed);
        json.putAll(all.toMap());
        json.put("folds", tf.toMap(distance));
        return result(json, String.format("LFW pairs %s: %d of %d pairs (%d images without a face): %d-fold accuracy %.4f +- %.4f,"
                + " AUC %.4f", pairsFile, used.size(), pairs.size(), failed.size(), tf.accuracies().length, tf.mean(), tf.std(),
                all.auc()));
    }
}
