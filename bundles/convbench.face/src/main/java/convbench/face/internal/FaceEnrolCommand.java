package convbench.face.internal;

import convbench.cli.api.CliArgs;
import convbench.cli.api.CliCommand;
import convbench.cli.api.CliProgress;
import convbench.cli.api.CliResult;
import convbench.face.FaceDatabase;
import convbench.face.FaceRecognition;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.osgi.service.component.annotations.Component;

/** {@code face enrol --db D --identity NAME --image IMG}: one-shot enrolment (the database keeps embeddings only). */
@Component(service = CliCommand.class)
public final class FaceEnrolCommand extends FaceCommandBase {
    @Override
    public String action() {
        return "enrol";
    }

    @Override
    public String summary() {
        return "Enrol a person from one photo (one-shot; the database stores embeddings, never images)";
    }

    @Override
    public String usage() {
        return "face enrol --db <faces.json> --identity <name> --image <png/jpg>" + COMMON;
    }

    @Override
    public CliResult run(CliArgs args, CliProgress progress) throws Exception {
        Path dbFile = db(args);
        String identity = args.required("identity");
        String source = args.required("image");
        var img = image(args);
        FaceDatabase db = face(() -> FaceDatabase.loadOrCreate(dbFile));
        FaceRecognition rec = recognition(args, db);
        progress.report(-1, "enrolling " + identity);
        FaceRecognition.Enrolment e = face(() -> rec.enrol(identity, img, source));
        face(() -> {
            db.save(dbFile);
            return null;
        });
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("identity", e.identity());
        json.put("embeddings", e.embeddings());
        json.put("persons", e.persons());
        json.put("db", dbFile.toString());
        json.putAll(faceJson(e.face().box()));
        if (e.note() != null)
            json.put("note", e.note());
        return result(json, (e.note() != null ? e.note() + "\n" : "") + "enrolled " + e.identity() + " ("
                + e.embeddings() + " embedding(s); " + e.persons() + " person(s) in " + dbFile + ")");
    }
}
