package convbench.face.ui.internal;

import convbench.core.units.SameDiffProbe;
import convbench.face.AlignedFaces;
import convbench.face.FaceException;
import convbench.units.ui.UnitExplorerInput;
import convbench.units.ui.UnitExplorerViews;
import java.nio.file.Path;
import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.jface.window.Window;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.handlers.HandlerUtil;

/**
 * Face > Explore Units...: the Unit Explorer on the dlib recognition net (a SameDiff graph, seen through its
 * {@link SameDiffProbe}) with every aligned face of the photos the user picks; headless twin {@code face units}.
 */
public final class ExploreUnitsHandler extends AbstractHandler {
    static final String TITLE = "Explore Units";

    /** What the job prepared: the explorer's input, the faces' names and the photos without one. */
    record Prepared(UnitExplorerInput input, AlignedFaces.Loaded faces) {
    }

    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        IWorkbenchWindow window = HandlerUtil.getActiveWorkbenchWindowChecked(event);
        ExploreUnitsDialog dialog = new ExploreUnitsDialog(window.getShell());
        if (dialog.open() != Window.OK)
            return null;
        Path images = dialog.images();
        String layer = dialog.layer();
        int unit = dialog.unit();
        FaceUi.schedule(window.getShell(), TITLE, "Aligning the faces of " + images.getFileName() + " for the unit explorer",
                1L << 30, ctx -> {
                    AlignedFaces.Loaded faces = AlignedFaces.load(FaceUi.analyzer(), images,
                            (d, t, m) -> ctx.progress(0.9 * d / Math.max(1, t), m), ctx::isCancelled);
                    SameDiffProbe probe;
                    try {
                        probe = FaceUi.analyzer().recognitionNet().unitProbe();
                    } catch (RuntimeException e) {
                        throw new FaceException("the recognition net cannot be probed: " + FaceUi.message(e), e);
                    }
                    SameDiffProbe.Layer chosen = probe.layers().stream().filter(l -> l.name().equals(layer)).findFirst()
                            .orElseThrow(() -> new FaceException("the recognition net has no convolution or pooling output '"
                                    + layer + "'; they are " + probe.layers().stream().map(SameDiffProbe.Layer::name).toList()));
                    if (unit >= chosen.units())
                        throw new FaceException(layer + " has " + chosen.units() + " units (0.." + (chosen.units() - 1)
                                + "), no unit " + unit);
                    return new Prepared(new UnitExplorerInput("face recognition net on " + images.getFileName() + " ("
                            + faces.names().size() + " aligned faces)", probe, faces.examples()), faces);
                }, p -> {
                    FaceUi.LOG.info(TITLE + ": " + p.input().title() + (p.faces().skipped().isEmpty() ? ""
                            : "; skipped " + String.join("; ", p.faces().skipped())));
                    try {
                        UnitExplorerViews.explore(window, p.input(), p.faces().names()::get, layer, unit,
                                convbench.core.units.UnitExplorer.DEFAULT_K);
                    } catch (IllegalStateException e) {
                        FaceUi.error(window.getShell(), TITLE, e.getMessage(), e);
                    }
                });
        return null;
    }
}
