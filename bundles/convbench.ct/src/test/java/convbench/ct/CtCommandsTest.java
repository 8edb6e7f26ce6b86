package convbench.ct;

import static org.junit.jupiter.api.Assertions.*;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import convbench.cli.api.CliArgs;
import convbench.cli.api.CliCommand;
import convbench.cli.api.CliException;
import convbench.cli.api.CliProgress;
import convbench.cli.api.CliResult;
import convbench.ct.api.Nifti;
import convbench.ct.api.Volume;
import convbench.ct.internal.CtBenchCommand;
import convbench.ct.internal.CtConvertCommand;
import convbench.ct.internal.CtInfoCommand;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ct commands called as the CLI calls them, with the PixelMed toolkit. */
class CtCommandsTest {
    @TempDir
    Path tmp;

    private static JsonObject run(CliCommand c, String... words) throws Exception {
        CliResult r = c.run(CliArgs.parse(List.of(words), Set.of("json", "keep-tilt")), CliProgress.NONE);
        assertFalse(r.text().isBlank());
        System.out.println(r.text());
        return new Gson().toJsonTree(r.json()).getAsJsonObject();
    }

    @Test
    void infoReportsBothPhantomSeries() throws Exception {
        CtInfoCommand info = new CtInfoCommand(TestData.TOOLKIT);
        assertEquals("ct", info.area());
        JsonObject a = run(info, TestData.plainSeries().toString(), "--json");
        JsonObject s = a.getAsJsonArray("series").get(0).getAsJsonObject();
        assertEquals(28, s.get("slices").getAsInt());
        assertEquals(512, s.get("rows").getAsInt());
        assertEquals(512, s.get("columns").getAsInt());
        assertEquals(5.0, s.getAsJsonArray("spacing").get(2).getAsDouble(), 1e-6);
        assertFalse(s.get("variableSpacing").getAsBoolean());
        assertEquals(0.0, s.get("tiltDegrees").getAsDouble());
        assertEquals(-1024, s.get("huMin").getAsDouble());
        assertEquals("STD BRAIN 5MM", s.get("description").getAsString());
        assertTrue(a.getAsJsonArray("skipped").get(0).getAsJsonObject().get("reason").getAsString().contains("DICOMDIR"));

        JsonObject b = run(info, TestData.tiltedSeries().toString(), "--json");
        JsonObject t = b.getAsJsonArray("series").get(0).getAsJsonObject();
        assertEquals(54, t.get("slices").getAsInt());
        assertEquals(-18.5, t.get("tiltDegrees").getAsDouble(), 0.01);
        assertEquals(2.3708, t.getAsJsonArray("spacing").get(2).getAsDouble(), 1e-3);
        assertTrue(t.get("deTilted").getAsBoolean());
    }

    @Test
    void infoOnAFolderWithoutImagesIsAUserError() throws Exception {
        Files.writeString(tmp.resolve("readme.txt"), "no images here, only words about them\n");
        CliException e = assertThrows(CliException.class, () -> run(new CtInfoCommand(TestData.TOOLKIT), tmp.toString()));
        assertTrue(e.getMessage().contains("no DICOM image series") && e.getMessage().contains("readme.txt"), e.getMessage());
    }

    @Test
    void convertWritesAVolumeThatReadsBackAndProjectsWithMasks() throws Exception {
        CtConvertCommand convert = new CtConvertCommand(TestData.TOOLKIT);
        Path out = tmp.resolve("out/plain.nii.gz");
        JsonObject j = run(convert, TestData.plainSeries().toString(), "--out", out.toString(), "--json");
        assertEquals(out.toString(), j.get("output").getAsString());
        Volume v = Nifti.read(out);
        assertArrayEquals(new int[] { 512, 512, 28 }, v.dims());
        assertEquals(-1024, v.range()[0]);

        Path inv = tmp.resolve("cranium.nii.gz");
        JsonObject p = run(convert, TestData.shared("ct/invesalius/Cranium.inv3").toString(), "--out", inv.toString());
        JsonArray written = p.getAsJsonArray("written");
        assertEquals(3, written.size());
        assertEquals(Volume.Kind.LABEL, Nifti.read(Path.of(written.get(1).getAsString())).kind());

        CliException e = assertThrows(CliException.class, () -> run(convert, TestData.plainSeries().toString(), "--out", tmp.resolve("x.png").toString()));
        assertTrue(e.getMessage().contains(".nii"), e.getMessage());
        e = assertThrows(CliException.class, () -> run(convert, TestData.plainSeries().toString()));
        assertTrue(e.getMessage().contains("--out"), e.getMessage());
    }

    @Test
    void benchComparesWithDcm2niix() throws Exception {
        JsonObject j = run(new CtBenchCommand(TestData.TOOLKIT), TestData.plainSeries().toString(), "--repeat", "3", "--threads", "2", "--json");
        assertEquals(1, j.get("series").getAsInt());
        assertTrue(j.get("megabytes").getAsDouble() > 14);
        double ours = j.getAsJsonObject("convbench").get("mbPerSecond").getAsDouble();
        double peer = j.getAsJsonObject("dcm2niix").get("mbPerSecond").getAsDouble();
        assertTrue(ours > 0 && peer > 0);
        assertEquals(ours / peer, j.get("ratio").getAsDouble(), 0.01 + 0.01 * ours / peer);
        assertEquals(2, j.get("threads").getAsInt());
        // medians of the runs each side took, one thread included
        JsonObject runs = j.getAsJsonObject("runs");
        for (String side : new String[] { "convbench", "convbenchOneThread", "dcm2niix" })
            assertEquals(3, runs.getAsJsonArray(side).size(), side);
        double[] peerRuns = new double[3];
        for (int i = 0; i < 3; i++)
            peerRuns[i] = runs.getAsJsonArray("dcm2niix").get(i).getAsDouble();
        java.util.Arrays.sort(peerRuns);
        assertEquals(peerRuns[1], j.getAsJsonObject("dcm2niix").get("seconds").getAsDouble(), 1e-4);
        assertTrue(j.getAsJsonObject("convbenchOneThread").get("mbPerSecond").getAsDouble() > 0);
    }
}
