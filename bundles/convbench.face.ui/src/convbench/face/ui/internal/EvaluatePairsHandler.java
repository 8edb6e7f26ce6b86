package convbench.face.ui.internal;

import convbench.face.FaceException;
import convbench.face.train.EmbeddingSet;
import convbench.face.train.FaceFeatures;
import convbench.face.train.IdentityFolder;
import convbench.face.train.PairEvaluation;
import convbench.face.train.SiameseHead;
import convbench.face.train.SiameseTraining;
import java.nio.file.Path;
import java.util.Locale;
import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.handlers.HandlerUtil;

/**
 * Face > Evaluate Pairs...: every pair of chips of a folder-per-identity set (pairs within one photo left out) scored
 * by a saved Siamese head or by the dlib embeddings as they are; ROC curve, AUC, best threshold and accuracy.
 */
public final class EvaluatePairsHandler extends AbstractHandler {
    static final String TITLE = "Evaluate Pairs";

    /** What the job found. */
    record Evaluated(String model, EmbeddingSet set, PairEvaluation.Verification verification, int skipped) {
    }

    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        Shell shell = HandlerUtil.getActiveShellChecked(event);
        EvaluatePairsDialog dialog = new EvaluatePairsDialog(shell);
        if (dialog.open() != Window.OK)
            return null;
        Path data = dialog.data(), model = dialog.model();
        int chips = dialog.chips();
        String modelName = model == null ? "dlib embeddings (no head)" : model.getFileName().toString();
        FaceUi.schedule(shell, TITLE, "Evaluate pairs of " + data.getFileName() + " with " + modelName, 1L << 30, ctx -> {
            SiameseHead head = model == null ? null : SiameseHead.load(model);
            String input = head == null ? FaceFeatures.DLIB : head.input();
            IdentityFolder.Loaded loaded = SiameseTraining.embeddings(FaceUi.analyzer(), data, input, null, chips,
                    (d, t, m) -> ctx.progress(0.9 * d / Math.max(1, t), m), ctx::isCancelled);
            try {
                return new Evaluated(modelName, loaded.set(), PairEvaluation.evaluate(head, loaded.set()), loaded.skipped().size());
            } catch (IllegalArgumentException e) {
                throw new FaceException(data + ": " + e.getMessage(), e);
            } catch (Exception e) {
                throw new FaceException("evaluating " + modelName + " on " + data + " failed: " + FaceUi.message(e), e);
            }
        }, r -> {
            PairEvaluation.Verification v = r.verification();
            FaceUi.LOG.info(String.format(Locale.ROOT, "Evaluated pairs of %s with %s: AUC %.4f, best threshold %.4f (%s),"
                    + " accuracy %.4f, %d same / %d different pairs", data, r.model(), v.auc(), v.threshold(), v.metric(),
                    v.accuracy(), v.positives(), v.negatives()));
            new PairEvaluationDialog(shell, data, r).open();
        });
        return null;
    }
}
