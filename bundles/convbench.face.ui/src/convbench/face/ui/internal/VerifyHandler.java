package convbench.face.ui.internal;

import java.nio.file.Path;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.handlers.HandlerUtil;

import convbench.face.FaceDatabase;
import convbench.face.FaceRecognition;
import convbench.face.RgbImage;

/** Face > Verify...: is the (largest) face of an image the claimed, enrolled identity? Distance against tau. */
public final class VerifyHandler extends AbstractHandler {
    static final String TITLE = "Verify Identity";

    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        Shell shell = HandlerUtil.getActiveShellChecked(event);
        Path dbFile = FaceUi.databaseFile();
        FaceUi.personImageJob(shell, TITLE,
                "The claimed identity's nearest enrolled embedding is compared with the largest face of the image.", false,
                c -> "Verify " + c.identity() + " on " + c.image().getFileName(), (ctx, c) -> {
                    // the identity is checked by the headless code before the image is analysed (unknown identity fails fast)
                    FaceDatabase db = FaceDatabase.load(dbFile);
                    ctx.progress(0.1, "reading " + c.image().getFileName());
                    RgbImage img = RgbImage.read(c.image());
                    ctx.progress(0.3, "embedding the face");
                    return FaceUi.recognition(db).verify(c.identity(), img, c.image().toString());
                }, (c, v) -> {
                    String identity = c.identity();
                    Path image = c.image();
                    String verdict = v.same() ? "SAME person" : "NOT the same person";
                    String text = String.format("%s: is it %s?%n%n%s (d %s tau)%n%nd = %.4f  (plain Euclidean %.4f)%ntau = %.4f%n%n"
                            + "Metric: squared L2, %s%s", image.getFileName(), identity, verdict, v.same() ? "<=" : ">",
                            v.distance(), v.euclidean(), v.threshold(), FaceDatabase.METRIC_TEXT, v.note() == null ? "" : "\n\n" + v.note());
                    FaceUi.LOG.info("Verified " + identity + " on " + image + ": " + verdict + ", d " + String.format("%.4f", v.distance())
                            + " vs tau " + String.format("%.4f", v.threshold()) + " (squared L2)");
                    MessageDialog.openInformation(shell, TITLE, text);
                });
        return null;
    }
}
