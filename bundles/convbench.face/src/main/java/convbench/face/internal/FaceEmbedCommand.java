package convbench.face.internal;

import convbench.cli.api.CliArgs;
import convbench.cli.api.CliCommand;
import convbench.cli.api.CliProgress;
import convbench.cli.api.CliResult;
import convbench.face.FaceAnalyzer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.osgi.service.component.annotations.Component;

/** {@code face embed --image IMG}: the 128-d embedding of the (largest) face. */
@Component(service = CliCommand.class)
public final class FaceEmbedCommand extends FaceCommandBase {
    @Override
    public String action() {
        return "embed";
    }

    @Override
    public String summary() {
        return "The 128-d embedding of the face in a photo (dlib ResNet; the largest face when there are several)";
    }

    @Override
    public String usage() {
        return "face embed --image <png/jpg>" + COMMON;
    }

    @Override
    public CliResult run(CliArgs args, CliProgress progress) throws Exception {
        String source = args.required("image");
        var img = image(args);
        var alignment = alignment(args);
        progress.report(-1, "embedding the face");
        FaceAnalyzer analyzer = analyzer(args);
        FaceAnalyzer.Single s = face(() -> analyzer.single(img, source, alignment));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("image", source);
        json.putAll(faceJson(s.face().box()));
        json.put("facesFound", s.facesFound());
        if (s.note() != null)
            json.put("note", s.note());
        json.put("alignment", alignment.id());
        json.put("embedding", s.face().embedding());
        return result(json, (s.note() != null ? s.note() + "\n" : "") + "embedding (" + s.face().embedding().length
                + "-d) of the face at " + java.util.Arrays.toString(s.face().box().toArray()));
    }
}
