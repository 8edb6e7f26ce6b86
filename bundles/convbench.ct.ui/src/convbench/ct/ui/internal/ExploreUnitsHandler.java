package convbench.ct.ui.internal;

import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.handlers.HandlerUtil;

import convbench.compute.ComputeJob;
import convbench.compute.JobContext;
import convbench.compute.Lane;
import convbench.compute.ui.ComputeUi;
import convbench.ct.api.Volume;
import convbench.ct.seg.LesionSegmenter;
import convbench.ct.seg.Resample;
import convbench.ct.seg.VolumePatches;
import convbench.core.units.UnitExplorer;
import convbench.units.ui.UnitExplorerInput;
import convbench.units.ui.UnitExplorerViews;

/**
 * CT > Explore Units: the Unit Explorer on the current lesion segmenter (the last trained or analysed with), its
 * examples the training-size sub-volumes of the open volume (every half patch) on the model's grid; the explorer
 * shows each as three orthogonal slices. It starts on the lesion logit (unit 1 of the layer before the softmax): the
 * sub-volumes the net finds most lesion-like.
 */
public final class ExploreUnitsHandler extends AbstractHandler {
    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        IWorkbenchWindow window = HandlerUtil.getActiveWorkbenchWindowChecked(event);
        CtViewerEditor viewer = CtViewerEditor.active(window);
        Path model = CtUi.currentModel();
        if (viewer == null || model == null || !Files.isRegularFile(model)) {
            MessageDialog.openInformation(window.getShell(), "Explore Units", "Open a CT volume and train a lesion segmenter"
                    + " (CT > Train Segmentation...) or run one on it (CT > Run Analysis) first: the explorer shows that model's"
                    + " units on the volume's sub-volumes.");
            return null;
        }
        Volume base = viewer.volume();
        String name = viewer.getPartName();
        ComputeUi.schedule(new ComputeJob<UnitExplorerInput>() {
            @Override
            public String name() {
                return "Preparing the unit explorer: " + model.getFileName() + " on " + name;
            }

            @Override
            public Lane lane() {
                return Lane.DEVICE;
            }

            @Override
            public long memoryBytes() {
                return 256L << 20;
            }

            @Override
            public UnitExplorerInput run(JobContext ctx) throws Exception {
                ctx.progress(0, "reading " + model);
                LesionSegmenter.Loaded m = LesionSegmenter.load(model);
                int patch = m.info().patch();
                VolumePatches data = new VolumePatches(Resample.isotropic(base, m.info().spacingMm()), patch, patch / 2,
                        m.info().normaliser());
                return new UnitExplorerInput(model.getFileName() + " on " + name + " (" + data.size() + " sub-volumes of "
                        + patch + "^3)", m.network(), data);
            }
        }, input -> {
            try {
                UnitExplorerViews.explore(window, input, null, LesionSegmenter.logitLayer(input.model()), 1, UnitExplorer.DEFAULT_K);
            } catch (IllegalStateException e) {
                CtUi.error(window.getShell(), "Explore Units", e.getMessage());
            }
        });
        return null;
    }
}
