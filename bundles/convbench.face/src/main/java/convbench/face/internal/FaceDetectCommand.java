package convbench.face.internal;

import convbench.cli.api.CliArgs;
import convbench.cli.api.CliCommand;
import convbench.cli.api.CliProgress;
import convbench.cli.api.CliResult;
import convbench.face.Face;
import convbench.face.FaceAnalyzer;
import convbench.face.FaceBox;
import convbench.face.RgbImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Component;

/** {@code face detect --image IMG}: every face's box, score and 68 landmarks. */
@Component(service = CliCommand.class)
public final class FaceDetectCommand extends FaceCommandBase {
    @Override
    public String action() {
        return "detect";
    }

    @Override
    public String summary() {
        return "Find every face in a photo: boxes, scores and 68 landmarks (face-api's tiny detector in DL4J)";
    }

    @Override
    public String usage() {
        return "face detect --image <png/jpg> [--output boxes.png]" + COMMON;
    }

    @Override
    public CliResult run(CliArgs args, CliProgress progress) throws Exception {
        RgbImage img = image(args);
        FaceAnalyzer analyzer = analyzer(args);
        progress.report(-1, "detecting faces");
        List<FaceBox> boxes = face(() -> analyzer.detect(img));
        List<Face> faces = new ArrayList<>();
        List<Map<String, Object>> list = new ArrayList<>();
        StringBuilder text = new StringBuilder(boxes.size() + " face(s) in " + args.required("image") + "\n");
        for (FaceBox b : boxes) {
            double[] lm = face(() -> analyzer.landmarks(img, b));
            faces.add(new Face(b, lm, null, null));
            Map<String, Object> m = faceJson(b);
            double[] rounded = new double[lm.length];
            for (int i = 0; i < lm.length; i++)
                rounded[i] = Math.round(lm[i] * 100) / 100.0;
            m.put("landmarks", rounded);
            list.add(m);
            text.append(String.format("  box [%.0f, %.0f, %.0f, %.0f] score %.3f%n", b.x(), b.y(), b.width(), b.height(), b.score()));
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("image", args.required("image"));
        json.put("width", img.width());
        json.put("height", img.height());
        json.put("faces", list);
        String out = writeOverlay(args, img, faces, null);
        if (out != null)
            json.put("output", out);
        return result(json, text.toString());
    }
}
