package convbench.face.ui.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.handlers.HandlerUtil;

import convbench.face.Face;
import convbench.face.FaceDatabase;
import convbench.face.FaceOverlay;
import convbench.face.FaceRecognition;
import convbench.face.RgbImage;

/** Face > Identify...: every face of a photo boxed, with landmarks, and labelled with its identity or "unknown". */
public final class IdentifyHandler extends AbstractHandler {
    static final String TITLE = "Identify Faces";

    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        Shell shell = HandlerUtil.getActiveShellChecked(event);
        IWorkbenchPage page = HandlerUtil.getActiveWorkbenchWindowChecked(event).getActivePage();
        FileDialog dialog = new FileDialog(shell, SWT.OPEN);
        dialog.setText(TITLE);
        dialog.setFilterExtensions(PersonImageDialog.IMAGE_FILTERS);
        dialog.setFilterNames(PersonImageDialog.IMAGE_FILTER_NAMES);
        String chosen = dialog.open();
        if (chosen == null)
            return null;
        Path image = Path.of(chosen);
        Path dbFile = FaceUi.databaseFile();
        FaceUi.schedule(shell, TITLE, "Identify faces in " + image.getFileName(), FaceUi.memoryFor(FaceUi.pixels(image)), ctx -> {
            ctx.progress(0.05, "reading " + image.getFileName());
            FaceDatabase db = FaceDatabase.load(dbFile);
            RgbImage img = RgbImage.read(image);
            ctx.progress(0.2, "detecting, aligning and embedding faces");
            FaceRecognition rec = FaceUi.recognition(db);
            List<FaceRecognition.Identification> ids = rec.identify(img);
            ctx.progress(0.9, "drawing");
            List<Face> faces = new ArrayList<>();
            List<String> labels = new ArrayList<>();
            List<String> lines = new ArrayList<>();
            for (FaceRecognition.Identification id : ids) {
                faces.add(id.face());
                labels.add(id.identity()); // FaceOverlay colours exactly "unknown" red
                lines.add(String.format("%s: d = %.4f%s, box %d,%d %dx%d", id.identity(), id.distance(),
                        id.known() ? "" : " (nearest " + id.nearest() + ")", Math.round(id.face().box().x()),
                        Math.round(id.face().box().y()), Math.round(id.face().box().width()), Math.round(id.face().box().height())));
            }
            String summary = ids.size() + " face(s) in " + image.getFileName() + "; known when d <= " + String.format("%.2f", rec.threshold())
                    + " on squared L2, d = ||f(x1) - f(x2)||^2; database " + dbFile;
            java.awt.image.BufferedImage drawn = FaceOverlay.draw(img, faces, labels, true);
            drawDistances(drawn, ids);
            return new IdentifiedFaces(image.getFileName().toString(), FaceUi.toImageData(drawn), lines, summary);
        }, result -> {
            FaceUi.LOG.info("Identified " + result.source() + ": " + (result.lines().isEmpty() ? "no face found" : String.join("; ", result.lines())));
            try {
                page.openEditor(result, IdentifiedFacesEditor.ID);
            } catch (PartInitException e) {
                FaceUi.error(shell, TITLE, FaceUi.message(e), e);
            }
        });
        return null;
    }

    /** Each face's distance under its box, in the label's colour (FaceOverlay draws the name above it). */
    static void drawDistances(java.awt.image.BufferedImage img, List<FaceRecognition.Identification> ids) {
        java.awt.Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(java.awt.RenderingHints.KEY_TEXT_ANTIALIASING, java.awt.RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            float scale = Math.max(1, Math.max(img.getWidth(), img.getHeight()) / 600f); // as FaceOverlay scales
            g.setFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.BOLD, Math.round(14 * scale)));
            java.awt.FontMetrics fm = g.getFontMetrics();
            for (FaceRecognition.Identification id : ids) {
                String text = String.format("d %.3f", id.distance());
                int x = (int) Math.round(id.face().box().x());
                int y = (int) Math.min(img.getHeight(), Math.round(id.face().box().bottom()) + fm.getHeight());
                g.setColor(id.known() ? java.awt.Color.GREEN : java.awt.Color.RED);
                g.fillRect(x, y - fm.getHeight(), fm.stringWidth(text) + 6, fm.getHeight());
                g.setColor(java.awt.Color.BLACK);
                g.drawString(text, x + 3, y - fm.getDescent());
            }
        } finally {
            g.dispose();
        }
    }
}
