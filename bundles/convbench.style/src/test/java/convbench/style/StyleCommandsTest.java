package convbench.style;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import convbench.cli.api.CliArgs;
import convbench.cli.api.CliCommand;
import convbench.cli.api.CliException;
import convbench.cli.api.CliProgress;
import convbench.cli.api.CliResult;
import convbench.style.internal.StyleRunCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./convbench style run ... --json} on the sample images, the PNG it writes, and its user errors. */
class StyleCommandsTest {
    private static CliResult run(CliCommand command, String... words) throws Exception {
        return command.run(CliArgs.parse(List.of(words), Set.of("json", "help")), CliProgress.NONE);
    }

    @Test
    void runPrintsEveryLossTermAndSavesThePngWithItsParameters(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("chelsea_wave.png");
        CliResult result = run(new StyleRunCommand(), "--content", ResNet50StyleTest.sample("chelsea.png").toString(),
                "--style", ResNet50StyleTest.sample("great_wave.jpg").toString(), "--out", out.toString(),
                "--model", ResNet50StyleTest.resnet().toString(), "--size", "48", "--iterations", "2",
                "--optimizer", "adam", "--style-layers", "activation:0.5,activation_9:0.5", "--content-layer", "activation_9",
                "--json");
        JsonObject json = JsonParser.parseString(new Gson().toJson(result.json())).getAsJsonObject();
        assertEquals(2, json.get("iterations").getAsInt());
        assertTrue(json.get("secondsPerIteration").getAsDouble() > 0);
        JsonObject losses = json.getAsJsonObject("losses");
        for (String term : List.of("content", "style")) {
            JsonObject t = losses.getAsJsonObject(term);
            assertTrue(t.has("initial") && t.has("final"), term + ": " + t);
        }
        assertEquals(Set.of("activation", "activation_9"), losses.getAsJsonObject("styleLayers").keySet());
        assertEquals(out.toString(), json.get("out").getAsString());
        assertTrue(result.text().contains("activation_9"), result.text());

        Map<String, String> text = StyleImages.readPngText(out);
        JsonObject parameters = JsonParser.parseString(text.get("convbench.style.parameters")).getAsJsonObject();
        assertEquals("adam", parameters.get("optimizer").getAsString());
        assertEquals("activation_9", parameters.get("contentLayer").getAsString());
        assertEquals(2, parameters.get("iterations").getAsInt());
        assertEquals("chelsea.png", text.get("convbench.style.content"));
        assertEquals(48, javax.imageio.ImageIO.read(out.toFile()).getWidth());
    }

    @Test
    void userErrorsNameTheFileOrOption(@TempDir Path dir) throws Exception {
        String cat = ResNet50StyleTest.sample("chelsea.png").toString();
        String wave = ResNet50StyleTest.sample("great_wave.jpg").toString();
        String model = ResNet50StyleTest.resnet().toString();
        String out = dir.resolve("g.png").toString();
        List<String> messages = new ArrayList<>();
        for (String[] words : List.of(
                new String[] {"--content", "/no/such.jpg", "--style", wave, "--out", out},
                new String[] {"--content", cat, "--style", wave, "--out", dir.resolve("g.jpg").toString()},
                new String[] {"--content", cat, "--style", model, "--out", out},
                new String[] {"--content", cat, "--style", wave, "--out", out, "--model", model, "--optimizer", "sgd"},
                new String[] {"--content", cat, "--style", wave, "--out", out, "--model", model, "--style-layers", "conv9_9:1"},
                new String[] {"--content", cat, "--style", wave, "--out", out, "--model", model, "--smoothing", "maybe"}))
            messages.add(assertThrows(CliException.class, () -> run(new StyleRunCommand(), words)).getMessage());
        assertTrue(messages.get(0).startsWith("/no/such.jpg: no such file"), messages.get(0));
        assertTrue(messages.get(1).contains("--out must name a .png file"), messages.get(1));
        assertTrue(messages.get(2).startsWith(model + ": not an image"), messages.get(2));
        assertTrue(messages.get(3).equals("--optimizer expects lbfgs|adam, got 'sgd'"), messages.get(3));
        assertTrue(messages.get(4).equals(model + ": no layer 'conv9_9' (style layer)"), messages.get(4));
        assertTrue(messages.get(5).equals("--smoothing expects on or off, got 'maybe'"), messages.get(5));
        assertTrue(Files.notExists(Path.of(out)), "nothing written on errors");
    }
}
