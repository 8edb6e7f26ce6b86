package convbench.ekg.classify;

import convbench.core.eval.ConfusionMatrix;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures of a beat-classifier test in the shape of {@code ekg train/eval --json}: accuracy, macro F1, per class
 * Se / +P / F1 / n, the confusion matrix (rows actual, columns predicted, order N S V F Q), beside the inter-patient
 * reference of de Chazal et al. 2004 (IEEE TBME 51(7)) as commonly quoted.
 */
public final class BeatReport {
    /** de Chazal 2004, DS2: S Se 75.9 % / +P 38.5 %, V Se 77.7 % / +P 81.9 %. */
    public static final Map<String, Map<String, Double>> DE_CHAZAL_2004 = Map.of(
            "S", Map.of("se", 0.759, "ppv", 0.385), "V", Map.of("se", 0.777, "ppv", 0.819));

    private BeatReport() {
    }

    /**
     * @param model the model file, or null
     * @param extra more fields (beat counts, records, training history ...), appended after the standard ones
     */
    public static Map<String, Object> toMap(Protocol protocol, ConfusionMatrix cm, String model, Map<String, Object> extra) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("protocol", protocol.id());
        j.put("accuracy", cm.accuracy());
        j.put("macroF1", cm.macroF1());
        Map<String, Object> per = new LinkedHashMap<>();
        List<String> names = cm.classNames();
        for (int c = 0; c < names.size(); c++) {
            Map<String, Object> pc = new LinkedHashMap<>();
            pc.put("se", cm.sensitivity(c));
            pc.put("ppv", cm.positivePredictivity(c));
            pc.put("f1", cm.f1(c));
            pc.put("n", cm.support(c));
            per.put(names.get(c), pc);
        }
        j.put("perClass", per);
        j.put("confusion", cm.counts());
        j.put("classes", names);
        j.put("model", model);
        j.put("classMap", "AAMI EC57: N={N,L,R,e,j} S={A,a,J,S} V={V,E} F={F} Q={/,f,Q}");
        if (protocol == Protocol.INTER) {
            j.put("deChazal2004", DE_CHAZAL_2004);
            Map<String, Boolean> beats = new LinkedHashMap<>();
            for (String c : List.of("S", "V")) {
                int k = names.indexOf(c);
                beats.put(c, cm.sensitivity(k) > DE_CHAZAL_2004.get(c).get("se")
                        && cm.positivePredictivity(k) > DE_CHAZAL_2004.get(c).get("ppv"));
            }
            j.put("beatsDeChazal", beats);
        }
        if (extra != null)
            j.putAll(extra);
        return j;
    }

    /** A table for people: per-class figures, the confusion matrix and (inter) de Chazal's figures. */
    public static String text(Protocol protocol, ConfusionMatrix cm, String model) {
        return text(protocol, cm, model, false);
    }

    /**
     * @param dev the figures are of a development run's validation set (inter: held-out DS1 records), so de Chazal's
     *            DS2 figures are not shown beside them
     */
    public static String text(Protocol protocol, ConfusionMatrix cm, String model, boolean dev) {
        StringBuilder sb = new StringBuilder();
        if (dev)
            sb.append(protocol.id()).append(" development run: figures of the validation set (")
                    .append(protocol == Protocol.INTRA ? "10 % of the training beats" : "DS1 records left out of training; DS2 not read")
                    .append(")\n");
        else
            sb.append(protocol == Protocol.INTRA ? "intra-patient (all records' beats shuffled, 80/20)"
                    : "inter-patient (train DS1, test DS2, paced excluded; de Chazal 2004)").append('\n');
        sb.append(String.format("%-5s %7s %8s %8s %8s%n", "class", "n", "Se %", "+P %", "F1 %"));
        List<String> names = cm.classNames();
        for (int c = 0; c < names.size(); c++) {
            sb.append(String.format("%-5s %7d %8.2f %8.2f %8.2f", names.get(c), cm.support(c), 100 * cm.sensitivity(c),
                    100 * cm.positivePredictivity(c), 100 * cm.f1(c)));
            Map<String, Double> ref = protocol == Protocol.INTER && !dev ? DE_CHAZAL_2004.get(names.get(c)) : null;
            if (ref != null)
                sb.append(String.format("   de Chazal 2004: Se %.1f, +P %.1f", 100 * ref.get("se"), 100 * ref.get("ppv")));
            sb.append('\n');
        }
        sb.append(String.format("accuracy %.2f %%, macro F1 %.2f %%%n", 100 * cm.accuracy(), 100 * cm.macroF1()));
        sb.append("confusion (rows actual, columns predicted ").append(names).append("):\n");
        for (int a = 0; a < names.size(); a++) {
            sb.append(String.format("  %-3s", names.get(a)));
            for (int p = 0; p < names.size(); p++)
                sb.append(String.format(" %7d", cm.count(a, p)));
            sb.append('\n');
        }
        if (model != null)
            sb.append("model: ").append(model).append('\n');
        return sb.toString();
    }
}
