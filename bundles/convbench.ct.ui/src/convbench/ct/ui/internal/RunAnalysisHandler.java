package convbench.ct.ui.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.handlers.HandlerUtil;

import convbench.compute.ComputeJob;
import convbench.compute.JobContext;
import convbench.compute.Lane;
import convbench.compute.ui.ComputeUi;
import convbench.ct.api.Volume;
import convbench.ct.seg.AnalysisJob;
import convbench.ct.seg.Detections;
import convbench.ct.seg.LesionSegmenter;

/**
 * CT > Run Analysis: the current lesion segmenter (the last one trained, or a model file chosen once) over the open
 * volume as a compute job; the lesion probability becomes the viewer's overlay and the candidates its detections list.
 * Twin: {@code ct analyze --model M <volume>}.
 */
public final class RunAnalysisHandler extends AbstractHandler {
    private record Analysed(Overlay overlay, List<String> labels, List<int[]> voxels) {
    }

    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        IWorkbenchWindow window = HandlerUtil.getActiveWorkbenchWindowChecked(event);
        CtViewerEditor viewer = CtViewerEditor.active(window);
        if (viewer == null) {
            MessageDialog.openInformation(window.getShell(), "Run Analysis", "Open a CT series or volume first: the analysis runs on it.");
            return null;
        }
        Path model = CtUi.currentModel();
        if (model == null || !Files.isRegularFile(model)) {
            FileDialog d = new FileDialog(window.getShell(), SWT.OPEN);
            d.setText("Choose a Lesion Segmenter Model"); // none trained in this session yet
            d.setFilterExtensions(new String[] { "*.zip", "*.*" });
            String f = d.open();
            if (f == null)
                return null;
            model = Path.of(f);
            CtUi.setCurrentModel(model);
        }
        Path file = model;
        Volume base = viewer.volume();
        ComputeJob<Analysed> job = new ComputeJob<>() {
            private AnalysisJob inner;

            @Override
            public String name() {
                return "Lesion analysis of " + viewer.getPartName() + " with " + file.getFileName();
            }

            @Override
            public Lane lane() {
                return Lane.DEVICE;
            }

            @Override
            public long memoryBytes() {
                // the probability aligned onto the volume's grid (floats) and the analysis itself (at most 2 GiB)
                return 4 * (long) base.nx() * base.ny() * base.nz() + (2L << 30);
            }

            @Override
            public Analysed run(JobContext ctx) throws Exception {
                ctx.progress(0, "reading " + file);
                LesionSegmenter.Loaded m = LesionSegmenter.load(file);
                inner = new AnalysisJob(m, base, viewer.getPartName(), AnalysisJob.WINDOW, AnalysisJob.OVERLAP);
                AnalysisJob.Result r = inner.run(ctx);
                ctx.progress(1, "aligning the probability with the volume");
                Overlay o = Overlay.of(file.resolveSibling(file.getFileName() + " (lesion probability)"), r.probability(), base);
                List<String> labels = new ArrayList<>();
                List<int[]> voxels = new ArrayList<>();
                for (Detections.Candidate c : r.candidates()) {
                    double[] ijk = base.index(r.probability().world(c.centre()[0], c.centre()[1], c.centre()[2]));
                    int[] v = { (int) Math.round(ijk[0]), (int) Math.round(ijk[1]), (int) Math.round(ijk[2]) };
                    labels.add(String.format(Locale.ROOT, "#%d  p = %.2f  %d voxels  at (%d, %d, %d)", labels.size() + 1, c.score(),
                            c.voxels(), v[0], v[1], v[2]));
                    voxels.add(v);
                }
                return new Analysed(o, labels, voxels);
            }
        };
        ComputeUi.schedule(job, a -> {
            if (viewer.getSite().getPage() == null)
                return;
            viewer.setOverlay(a.overlay());
            viewer.setDetections(a.labels(), a.voxels());
        });
        return null;
    }
}
