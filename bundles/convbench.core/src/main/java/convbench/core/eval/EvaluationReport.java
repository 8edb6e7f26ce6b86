package convbench.core.eval;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import convbench.core.model.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The results of one evaluation: the confusion matrix (always), one-vs-rest ROC curves (classification), Dice/IoU
 * (segmentation). Exported as JSON (everything) and CSV (one row per class plus macro/micro rows), atomically.
 */
public record EvaluationReport(ConfusionMatrix confusion, List<Roc> rocs, SegmentationMetrics segmentation) {
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create();

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>(confusion.toMap());
        if (rocs != null && !rocs.isEmpty()) {
            Map<String, Object> roc = new LinkedHashMap<>();
            // binary problems: the positive class's curve; otherwise one-vs-rest per class
            for (int c = 0; c < rocs.size(); c++)
                roc.put(confusion.classNames().get(c), rocs.get(c).toMap());
            m.put("roc", roc);
            m.put("macroAuc", Roc.macroAuc(rocs));
        }
        if (segmentation != null)
            m.put("segmentation", segmentation.toMap(confusion.classNames()));
        return m;
    }

    public String toJson() {
        return GSON.toJson(toMap());
    }

    public void writeJson(Path file) throws IOException {
        AtomicFiles.writeString(file, toJson());
    }

    public String toCsv() {
        StringBuilder sb = new StringBuilder("class,n,tp,fp,fn,se,ppv,f1,specificity,auc,dice,iou\n");
        ConfusionMatrix c = confusion;
        for (int k = 0; k < c.classes(); k++) {
            sb.append(csvName(c.classNames().get(k))).append(',').append(c.support(k)).append(',')
                    .append(c.truePositives(k)).append(',').append(c.falsePositives(k)).append(',').append(c.falseNegatives(k))
                    .append(',').append(num(c.sensitivity(k))).append(',').append(num(c.positivePredictivity(k)))
                    .append(',').append(num(c.f1(k))).append(',').append(num(c.specificity(k))).append(',')
                    .append(rocs == null || rocs.isEmpty() ? "" : num(rocs.get(k).auc())).append(',')
                    .append(segmentation == null ? "" : num(segmentation.dice(k))).append(',')
                    .append(segmentation == null ? "" : num(segmentation.iou(k))).append('\n');
        }
        sb.append("macro,,,,,").append(num(c.macroSensitivity())).append(',').append(num(c.macroPositivePredictivity()))
                .append(',').append(num(c.macroF1())).append(",,")
                .append(rocs == null || rocs.isEmpty() ? "" : num(Roc.macroAuc(rocs))).append(",,\n");
        sb.append("micro,").append(c.total()).append(",,,,").append(num(c.microSensitivity())).append(',')
                .append(num(c.microPositivePredictivity())).append(',').append(num(c.microF1())).append(",,,,\n");
        return sb.toString();
    }

    public void writeCsv(Path file) throws IOException {
        AtomicFiles.writeString(file, toCsv());
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "NaN" : String.format(Locale.ROOT, "%.6f", v);
    }

    private static String csvName(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
