package convbench.ekg.ui.internal;

import java.util.Locale;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;

import convbench.compute.ui.ComputeUi;
import convbench.ekg.AamiClass;
import convbench.ekg.classify.BeatClassifier;
import convbench.ekg.classify.ClassifierJobs;
import convbench.ekg.ui.EcgEditor;

/**
 * EKG > Classify Record: the open record's beats (its reference beat annotations, else the QRS detector's) classified
 * by the current model on the compute device, then coloured by predicted class in the viewer, where N/P jump over
 * the predicted classes. Headless twin: {@code ekg classify}.
 */
public final class ClassifyRecordHandler extends AbstractHandler {
    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        EcgEditor editor = EkgUi.activeEditor(event);
        ClassifierState.Current current = EkgUi.currentModel();
        ComputeUi.schedule(new ClassifierJobs.Classify(current.model(), editor.record()), p -> {
            String line = summary(p, current);
            EkgUi.LOG.info("Classified " + p.record() + ": " + line);
            AamiClass[] classes = new AamiClass[p.size()];
            for (int i = 0; i < classes.length; i++)
                classes[i] = AamiClass.values()[p.classes()[i]];
            editor.setClassification(p.samples(), classes, line);
        });
        return null;
    }

    /** Beats per class, where they came from, the model, and the agreement with the reference when there is one. */
    static String summary(BeatClassifier.Predictions p, ClassifierState.Current model) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%d %s beats classified by %s:", p.size(),
                p.detected() ? "detected" : "annotated", model.file().getFileName()));
        long[] counts = p.counts();
        for (AamiClass c : AamiClass.values())
            s.append(' ').append(c).append(' ').append(counts[c.ordinal()]);
        if (p.reference() != null && p.size() > 0) {
            int agree = 0;
            for (int i = 0; i < p.size(); i++)
                if (p.reference()[i] == p.classes()[i])
                    agree++;
            s.append(String.format(Locale.ROOT, ";  agreement with the annotations %.2f %%", 100.0 * agree / p.size()));
        }
        return s.toString();
    }
}
