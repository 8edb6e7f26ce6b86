package convbench.ekg.ui.internal;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IEditorSite;
import org.eclipse.ui.PartInitException;

import convbench.charts.ui.ConfusionMatrixChart;
import convbench.compute.ui.ResultEditor;
import convbench.core.eval.ConfusionMatrix;
import convbench.ekg.classify.BeatReport;
import convbench.ekg.classify.ClassifierJobs;
import convbench.ekg.classify.Protocol;

/**
 * The test figures of a beat classifier: the confusion matrix as a heat map beside a per-class table (n, Se, +P,
 * F1), and for the inter-patient protocol de Chazal et al.'s published Se and +P of S and V next to ours.
 */
public final class EvaluationEditor extends ResultEditor {
    static final String ID = "convbench.ekg.ui.evaluationEditor";

    /** One evaluation as an editor input (not saved with the workbench). */
    static final class Input extends RunInput {
        final ClassifierJobs.Evaluated evaluation;

        Input(ClassifierJobs.Evaluated ev) {
            super("Evaluation: " + ev.model().getFileName() + " (" + ev.protocol().id() + ")",
                    "Test of " + ev.model() + " on " + ev.testBeats() + " beats");
            evaluation = ev;
        }
    }

    private ClassifierJobs.Evaluated ev;
    private Table table;

    public EvaluationEditor() {
        super(Input.class, "");
    }

    @Override
    public void init(IEditorSite site, IEditorInput input) throws PartInitException {
        super.init(site, input);
        ev = ((Input) input).evaluation;
    }

    @Override
    public void createPartControl(Composite parent) {
        parent.setLayout(new GridLayout(1, false));
        ConfusionMatrix cm = ev.confusion();
        Label head = new Label(parent, SWT.WRAP);
        boolean inter = ev.protocol() == Protocol.INTER;
        head.setText(String.format(Locale.ROOT, "%s on %d test beats (%s; records %s)\nAccuracy %.2f %%,  macro F1 %.2f %%%s",
                ev.model(), ev.testBeats(), inter ? "inter-patient: trained on DS1, tested on DS2, paced records excluded"
                        : "intra-patient: the seeded 20 % of all beats not used in training",
                String.join(" ", ev.testRecords()), 100 * cm.accuracy(), 100 * cm.macroF1(),
                ev.warnings().isEmpty() ? "" : "\nWarning: " + String.join("; ", ev.warnings())));
        GridDataFactory.fillDefaults().grab(true, false).applyTo(head);

        SashForm sash = new SashForm(parent, SWT.HORIZONTAL);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(sash);
        String[] labels = cm.classNames().toArray(String[]::new);
        ConfusionMatrixChart.create(sash, "Confusion matrix (rows: reference, columns: predicted)", labels, cm.counts());
        Composite right = new Composite(sash, SWT.NONE);
        right.setLayout(new GridLayout(1, false));
        table = new Table(right, SWT.BORDER | SWT.FULL_SELECTION);
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(table);
        List<String> cols = inter ? List.of("Class", "n", "Se %", "+P %", "F1 %", "de Chazal Se %", "de Chazal +P %")
                : List.of("Class", "n", "Se %", "+P %", "F1 %");
        for (String c : cols)
            new TableColumn(table, c.equals("Class") ? SWT.LEFT : SWT.RIGHT).setText(c);
        for (int c = 0; c < labels.length; c++) {
            TableItem row = new TableItem(table, SWT.NONE);
            row.setText(0, labels[c]);
            row.setText(1, Long.toString(cm.support(c)));
            row.setText(2, pct(cm.sensitivity(c)));
            row.setText(3, pct(cm.positivePredictivity(c)));
            row.setText(4, pct(cm.f1(c)));
            Map<String, Double> ref = BeatReport.DE_CHAZAL_2004.get(labels[c]);
            if (inter && ref != null) {
                row.setText(5, pct(ref.get("se")));
                row.setText(6, pct(ref.get("ppv")));
            }
        }
        for (TableColumn c : table.getColumns())
            c.pack();
        new TableColumn(table, SWT.NONE); // GTK stretches the last column: let it be an empty one
        Label note = new Label(right, SWT.WRAP);
        note.setText(inter ? "de Chazal, O'Dwyer, Reilly 2004 (IEEE TBME 51(7)), DS2, as commonly quoted.\n"
                + "Se = TP / (TP + FN), +P = TP / (TP + FP); a class without test beats shows \u2013."
                : "de Chazal 2004 is an inter-patient result: compare it with an inter-patient evaluation.\n"
                        + "Se = TP / (TP + FN), +P = TP / (TP + FP); a class without test beats shows \u2013.");
        GridDataFactory.fillDefaults().grab(true, false).hint(300, SWT.DEFAULT).applyTo(note);
        sash.setWeights(55, 45);
    }

    private static String pct(double v) {
        return Double.isNaN(v) ? "\u2013" : String.format(Locale.ROOT, "%.1f", 100 * v);
    }

    @Override
    public void setFocus() {
        table.setFocus();
    }
}
