package convbench.face.ui.internal;

import java.nio.file.Path;
import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.ui.handlers.HandlerUtil;
import convbench.face.FaceDatabase;
import convbench.face.FaceRecognition;
import convbench.face.RgbImage;

/** Face > Enrol Person...: the largest face of an image is added under a name to the current database (one shot). */
public final class EnrolHandler extends AbstractHandler {
    static final String TITLE = "Enrol Person";

    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        Path dbFile = FaceUi.databaseFile();
        FaceUi.personImageJob(HandlerUtil.getActiveShellChecked(event), TITLE,
                "The largest face of the image is embedded (128-d) and added to the identity; no retraining.", true,
                c -> "Enrol " + c.identity() + " from " + c.image().getFileName(), (ctx, c) -> {
                    ctx.progress(0.05, "reading " + c.image().getFileName());
                    RgbImage img = RgbImage.read(c.image());
                    ctx.progress(0.2, "loading the face networks");
                    // reloaded here, not the copy shown in the dialog: an earlier job may have changed the file since
                    FaceDatabase db = FaceDatabase.loadOrCreate(dbFile);
                    FaceRecognition.Enrolment e = FaceUi.recognition(db).enrol(c.identity(), img, c.image().toString());
                    ctx.progress(0.9, "saving " + dbFile.getFileName());
                    db.save(dbFile);
                    return e;
                }, (c, e) -> FaceUi.LOG.info("Enrolled " + e.identity() + " from " + c.image() + ": " + e.embeddings()
                        + " embedding(s), " + e.persons() + " person(s) in " + dbFile + (e.note() == null ? "" : "; " + e.note())));
        return null;
    }
}
