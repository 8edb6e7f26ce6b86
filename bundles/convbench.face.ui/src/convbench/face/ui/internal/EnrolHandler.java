package convbench.face.ui.internal;

import java.nio.file.Path;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.handlers.HandlerUtil;

import convbench.face.FaceDatabase;
import convbench.face.FaceException;
import convbench.face.FaceRecognition;
import convbench.face.RgbImage;

/** Face > Enrol Person...: the largest face of an image is added under a name to the current database (one shot). */
public final class EnrolHandler extends AbstractHandler {
    static final String TITLE = "Enrol Person";

    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        Shell shell = HandlerUtil.getActiveShellChecked(event);
        Path dbFile = FaceUi.databaseFile();
        FaceDatabase current;
        try {
            current = FaceDatabase.loadOrCreate(dbFile);
        } catch (FaceException e) {
            FaceUi.error(shell, TITLE, e.getMessage(), e);
            return null;
        }
        PersonImageDialog dialog = new PersonImageDialog(shell, TITLE,
                "The largest face of the image is embedded (128-d) and added to the identity; no retraining.", dbFile,
                current.identities());
        if (dialog.open() != Window.OK)
            return null;
        String identity = dialog.identity();
        Path image = dialog.image();
        FaceUi.schedule(shell, TITLE, "Enrol " + identity + " from " + image.getFileName(), FaceUi.memoryFor(FaceUi.pixels(image)), ctx -> {
            ctx.progress(0.05, "reading " + image.getFileName());
            RgbImage img = RgbImage.read(image);
            ctx.progress(0.2, "loading the face networks");
            // reloaded here, not the copy shown in the dialog: an earlier job may have changed the file since
            FaceDatabase db = FaceDatabase.loadOrCreate(dbFile);
            FaceRecognition.Enrolment e = FaceUi.recognition(db).enrol(identity, img, image.toString());
            ctx.progress(0.9, "saving " + dbFile.getFileName());
            db.save(dbFile);
            return e;
        }, e -> FaceUi.LOG.info("Enrolled " + e.identity() + " from " + image + ": " + e.embeddings() + " embedding(s), "
                + e.persons() + " person(s) in " + dbFile + (e.note() == null ? "" : "; " + e.note())));
        return null;
    }
}
