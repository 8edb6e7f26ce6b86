package convbench.ekg.ui;

import java.util.stream.Collectors;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IEditorSite;
import org.eclipse.ui.PartInitException;

import convbench.compute.ui.ResultEditor;
import convbench.ekg.AamiClass;
import convbench.ekg.EcgRecord;
import convbench.ekg.SignalInfo;
import convbench.ekg.ui.internal.EcgPaperCanvas;

/** One ECG record on calibrated paper, with beat navigation and a cursor readout. Read-only: nothing to save. */
public final class EcgEditor extends ResultEditor {
    public static final String ID = "convbench.ekg.ui.recordEditor";

    private EcgRecordInput recordInput;
    private EcgPaperCanvas paper;
    private Label info, detectionLine, classLine, readout;
    private BeatDetection detection;

    public EcgEditor() {
        super(EcgRecordInput.class, "");
    }

    @Override
    public void init(IEditorSite site, IEditorInput input) throws PartInitException {
        super.init(site, input);
        recordInput = (EcgRecordInput) input;
    }

    @Override
    public void createPartControl(Composite parent) {
        GridLayoutFactory.fillDefaults().numColumns(5).margins(4, 4).spacing(6, 4).applyTo(parent);
        info = new Label(parent, SWT.NONE);
        info.setText(describeRecord());
        GridDataFactory.fillDefaults().grab(true, false).align(SWT.FILL, SWT.CENTER).applyTo(info);
        new Label(parent, SWT.NONE).setText("Jump to class:");
        Combo classes = new Combo(parent, SWT.READ_ONLY);
        for (AamiClass c : AamiClass.values())
            classes.add(c.name());
        classes.select(AamiClass.V.ordinal());
        Button prev = new Button(parent, SWT.PUSH);
        prev.setText("\u25c0 Previous (P)");
        Button next = new Button(parent, SWT.PUSH);
        next.setText("Next (N) \u25b6");
        detectionLine = new Label(parent, SWT.NONE);
        detectionLine.setText("Beats: EKG > Detect Beats finds them (reference annotations are shown in the atr row).");
        GridDataFactory.fillDefaults().grab(true, false).span(5, 1).applyTo(detectionLine);
        classLine = new Label(parent, SWT.NONE);
        classLine.setText("Classes: reference annotations (EKG > Classify Record colours the classifier's);"
                + "  N black, S blue, V red, F orange, Q purple");
        GridDataFactory.fillDefaults().grab(true, false).span(5, 1).applyTo(classLine);
        readout = new Label(parent, SWT.NONE);
        readout.setText("Move the pointer over the trace for time, mV and RR.  Drag or wheel: scroll;  Ctrl+wheel, +/-/0: zoom.");
        GridDataFactory.fillDefaults().grab(true, false).span(5, 1).applyTo(readout);
        paper = new EcgPaperCanvas(parent, recordInput);
        GridDataFactory.fillDefaults().grab(true, true).span(5, 1).applyTo(paper);
        paper.onReadout(readout::setText);
        paper.onStatus(this::status);
        classes.addListener(SWT.Selection, e -> {
            paper.setJumpClass(AamiClass.values()[classes.getSelectionIndex()]);
            paper.setFocus();
        });
        prev.addListener(SWT.Selection, e -> paper.jump(false));
        next.addListener(SWT.Selection, e -> paper.jump(true));
    }

    private String describeRecord() {
        EcgRecord r = recordInput.record();
        String leads = r.signals().stream().map(SignalInfo::name).collect(Collectors.joining(", "));
        long beats = r.annotations().stream().filter(a -> a.isBeat()).count();
        return String.format("%s   %.0f Hz, %d lead%s (%s), %s   %s", r.name(), r.fs(), r.signalCount(),
                r.signalCount() == 1 ? "" : "s", leads, clock(r.durationSeconds()),
                r.annotations().isEmpty() ? "no reference annotations"
                        : r.annotations().size() + " reference annotations, " + beats + " beats");
    }

    private static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format("%d:%02d", s / 60, s % 60);
    }

    public EcgRecord record() {
        return recordInput.record();
    }

    /** The last beat detection, or null. */
    public BeatDetection detection() {
        return detection;
    }

    /** Shows detected beats below the annotations, and their score against the reference in the info line. */
    public void setDetection(BeatDetection d) {
        detection = d;
        if (paper == null || paper.isDisposed())
            return;
        paper.setDetected(d.beats(), d.matched());
        detectionLine.setText(summary(d));
        status(summary(d));
    }

    /** One line on a detection: beats, lead, and Se/+P when the record has reference beats. */
    public String summary(BeatDetection d) {
        EcgRecord r = record();
        String s = String.format("%d beats detected on %s in %.2f s", d.beats().length,
                r.signals().get(d.lead()).name(), d.seconds());
        if (d.score() != null)
            s += String.format(":  Se %.2f %%,  +P %.2f %%  (TP %d, FP %d, FN %d)", 100 * d.score().se(),
                    100 * d.score().ppv(), d.score().tp(), d.score().fp(), d.score().fn());
        return s;
    }

    /** Colours beats by class, e.g. the classes a classifier predicted; samples ascending. */
    public void setBeatClasses(long[] samples, AamiClass[] classes) {
        paper.setBeatClasses(samples, classes);
    }

    /** Predicted classes: coloured and used by N/P, with a line saying where they came from. */
    public void setClassification(long[] samples, AamiClass[] classes, String summary) {
        if (paper == null || paper.isDisposed())
            return;
        setBeatClasses(samples, classes);
        classLine.setText("Classes: " + summary + "   (N black, S blue, V red, F orange, Q purple)");
        status(summary);
    }

    private void status(String message) {
        getEditorSite().getActionBars().getStatusLineManager().setMessage(message);
    }

    @Override
    public void setFocus() {
        paper.setFocus();
    }
}
