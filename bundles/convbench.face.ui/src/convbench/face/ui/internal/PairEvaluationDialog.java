package convbench.face.ui.internal;

import convbench.charts.ui.RocChart;
import convbench.core.eval.Roc;
import convbench.face.train.PairEvaluation;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;

/** The outcome of Evaluate Pairs: the ROC curve and AUC, the best threshold (Youden's J) and the accuracy there. */
final class PairEvaluationDialog extends Dialog {
    private final Path data;
    private final EvaluatePairsHandler.Evaluated result;

    PairEvaluationDialog(Shell parent, Path data, EvaluatePairsHandler.Evaluated result) {
        super(parent);
        this.data = data;
        this.result = result;
        setShellStyle(getShellStyle() | SWT.RESIZE);
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText(EvaluatePairsHandler.TITLE);
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        PairEvaluation.Verification v = result.verification();
        List<Roc.Point> points = v.roc().points();
        double[] fpr = points.stream().mapToDouble(Roc.Point::fpr).toArray(), tpr = points.stream().mapToDouble(Roc.Point::tpr).toArray();
        Control chart = RocChart.create(area, "ROC: " + result.model() + " on " + data.getFileName(),
                List.of(new RocChart.Curve(result.model(), fpr, tpr, v.auc())));
        GridData g = new GridData(SWT.FILL, SWT.FILL, true, true);
        g.widthHint = 640;
        g.heightHint = 460;
        chart.setLayoutData(g);
        String rule = v.metric().equals("probability") ? "same person when y >= threshold" : "same person when d <= threshold";
        Label figures = new Label(area, SWT.WRAP);
        figures.setText(String.format(Locale.ROOT, "AUC %.4f   best threshold %.4f (%s; %s)   accuracy there %.4f%n"
                + "%d same-person and %d different-person pairs from %d chips of %s%s", v.auc(), v.threshold(), v.metric(), rule,
                v.accuracy(), v.positives(), v.negatives(), result.set().size(), result.set().presentIdentities(),
                result.skipped() == 0 ? "" : "; " + result.skipped() + " photo(s) without a face skipped"));
        figures.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        return area;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, IDialogConstants.OK_ID, IDialogConstants.CLOSE_LABEL, true);
    }
}
