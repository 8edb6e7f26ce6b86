package convbench.face.internal;

import convbench.cli.api.CliArgs;
import convbench.cli.api.CliCommand;
import convbench.cli.api.CliProgress;
import convbench.cli.api.CliResult;
import convbench.face.Face;
import convbench.face.FaceDatabase;
import convbench.face.FaceRecognition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Component;

/** {@code face identify --db D --image IMG}: every face boxed and labelled with its identity or "unknown". */
@Component(service = CliCommand.class)
public final class FaceIdentifyCommand extends FaceCommandBase {
    @Override
    public String action() {
        return "identify";
    }

    @Override
    public String summary() {
        return "Label every face of a (group) photo with an enrolled identity within tau, or \"unknown\"";
    }

    @Override
    public String usage() {
        return "face identify --db <faces.json> --image <png/jpg> [--output labelled.png]" + TAU + COMMON;
    }

    @Override
    public CliResult run(CliArgs args, CliProgress progress) throws Exception {
        java.nio.file.Path dbFile = db(args);
        FaceDatabase db = face(() -> FaceDatabase.load(dbFile));
        FaceRecognition rec = recognition(args, db);
        var img = image(args);
        progress.report(-1, "identifying faces");
        List<FaceRecognition.Identification> ids = face(() -> rec.identify(img));
        List<Map<String, Object>> faces = new ArrayList<>();
        List<Face> drawn = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        StringBuilder text = new StringBuilder(ids.isEmpty() ? "no face found in " + args.required("image") + "\n"
                : ids.size() + " face(s) in " + args.required("image") + "\n");
        for (FaceRecognition.Identification id : ids) {
            Map<String, Object> m = faceJson(id.face().box());
            m.put("identity", id.identity());
            m.put("distance", round(id.distance()));
            m.put("nearest", id.nearest());
            faces.add(m);
            drawn.add(id.face());
            labels.add(id.identity());
            text.append(String.format("  %s at %s (d %.4f, nearest %s)%n", id.identity(),
                    java.util.Arrays.toString(id.face().box().toArray()), id.distance(), id.nearest()));
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("faces", faces);
        json.put("threshold", round(rec.threshold()));
        json.putAll(metric(rec.threshold()));
        if (ids.isEmpty())
            json.put("note", "no face found");
        String out = writeOverlay(args, img, drawn, labels);
        if (out != null)
            json.put("output", out);
        return result(json, text.toString());
    }
}
