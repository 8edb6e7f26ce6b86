package convbench.face.internal;

import convbench.cli.api.CliArgs;
import convbench.cli.api.CliCommand;
import convbench.cli.api.CliProgress;
import convbench.cli.api.CliResult;
import convbench.face.FaceDatabase;
import convbench.face.FaceRecognition;
import java.util.LinkedHashMap;
import java.util.Map;
import org.osgi.service.component.annotations.Component;

/** {@code face verify --db D --identity NAME --image IMG}: d = ||f(x1)-f(x2)||^2 against tau. */
@Component(service = CliCommand.class)
public final class FaceVerifyCommand extends FaceCommandBase {
    @Override
    public String action() {
        return "verify";
    }

    @Override
    public String summary() {
        return "Is the face in the photo this enrolled person? d = ||f(x1)-f(x2)||^2 against tau (default 0.36 = 0.6^2)";
    }

    @Override
    public String usage() {
        return "face verify --db <faces.json> --identity <name> --image <png/jpg>" + TAU + COMMON;
    }

    @Override
    public CliResult run(CliArgs args, CliProgress progress) throws Exception {
        java.nio.file.Path dbFile = db(args);
        FaceDatabase db = face(() -> FaceDatabase.load(dbFile));
        String identity = args.required("identity");
        String source = args.required("image");
        FaceRecognition rec = recognition(args, db);
        var img = image(args);
        progress.report(-1, "verifying " + identity);
        FaceRecognition.Verification v = face(() -> rec.verify(identity, img, source));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("identity", v.identity());
        json.put("distance", round(v.distance()));
        json.put("threshold", round(v.threshold()));
        json.put("same", v.same());
        json.putAll(metric(v.threshold()));
        json.put("euclidean", round(v.euclidean()));
        json.putAll(faceJson(v.face().box()));
        if (v.note() != null)
            json.put("note", v.note());
        return result(json, (v.note() != null ? v.note() + "\n" : "") + String.format(
                "%s: %s (d = ||f1-f2||^2 = %.4f %s tau = %.4f; Euclidean %.4f vs %.4f)", identity,
                v.same() ? "same person" : "not the same person", v.distance(), v.same() ? "<=" : ">", v.threshold(),
                v.euclidean(), Math.sqrt(v.threshold())));
    }
}
