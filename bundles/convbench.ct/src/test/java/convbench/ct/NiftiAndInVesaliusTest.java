package convbench.ct;

import static org.junit.jupiter.api.Assertions.*;

import convbench.ct.api.CtException;
import convbench.ct.api.InVesaliusProject;
import convbench.ct.api.LoadedSeries;
import convbench.ct.api.Nifti;
import convbench.ct.api.SeriesLoader;
import convbench.ct.api.Volume;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NiftiAndInVesaliusTest {
    private static InVesaliusProject cranium;
    @TempDir
    Path tmp;

    @BeforeAll
    static void readProject() throws IOException {
        cranium = InVesaliusProject.read(TestData.shared("ct/invesalius/Cranium.inv3"));
    }

    @Test
    void invesaliusVolumeAndMasksAreRead() {
        Volume v = cranium.volume();
        assertEquals("ProMED CT 0051", cranium.name());
        assertEquals("CT", cranium.modality());
        assertArrayEquals(new int[] { 256, 256, 108 }, v.dims());
        assertArrayEquals(new double[] { 0.9570312, 0.9570312, 1.5 }, v.spacing(), 1e-6);
        assertArrayEquals(new double[] { -1024, 2986 }, v.range());
        assertEquals(2, cranium.masks().size());
        // mask 0 is InVesalius' bone threshold: it must be exactly the voxels in its threshold range
        InVesaliusProject.Mask bone = cranium.masks().get(0);
        assertArrayEquals(new double[] { 226, 3071 }, bone.thresholdRange());
        long inside = 0, disagree = 0;
        for (int k = 0; k < v.nz(); k++) {
            short[] hu = v.shortSlice(k), m = bone.labels().shortSlice(k);
            for (int i = 0; i < hu.length; i++) {
                boolean t = hu[i] >= 226 && hu[i] <= 3071;
                inside += m[i];
                if (t != (m[i] == 1))
                    disagree++;
            }
        }
        assertEquals(0, disagree);
        assertEquals(475_759, inside);
        assertEquals(Volume.Kind.LABEL, bone.labels().kind());
    }

    @Test
    void niftiRoundTripKeepsVoxelsAndGeometry() throws IOException {
        LoadedSeries s = new SeriesLoader(TestData.TOOLKIT).load(TestData.onlySeries(TestData.plainSeries()));
        for (String name : List.of("ct.nii", "ct.nii.gz")) {
            Path f = tmp.resolve(name);
            Nifti.write(s.volume(), f);
            Volume back = Nifti.read(f);
            assertSame(back, s.volume(), name);
            assertEquals("STD BRAIN 5MM", back.description());
        }
        assertNoLeftovers();
    }

    @Test
    void labelMapsAreWrittenAsUint8WithLabelIntent() throws IOException {
        Volume labels = cranium.masks().get(1).labels();
        Path f = tmp.resolve("mask.nii.gz");
        Nifti.write(labels, f);
        Volume back = Nifti.read(f);
        assertEquals(Volume.Kind.LABEL, back.kind());
        assertSame(back, labels, "label map");
        // uint8: about half the bytes of int16 before compression
        Path raw = tmp.resolve("mask.nii");
        Nifti.write(labels, raw);
        assertEquals(352 + 256L * 256 * 108, Files.size(raw));
    }

    @Test
    void floatAndShearedVolumesRoundTrip() throws IOException {
        LoadedSeries t = new SeriesLoader(TestData.TOOLKIT).load(TestData.onlySeries(TestData.tiltedSeries()),
                SeriesLoader.Options.defaults().withDeTilt(false), (a, b) -> { });
        assertFalse(t.volume().isOrthogonal());
        Path f = tmp.resolve("sheared.nii");
        Nifti.write(t.volume(), f);
        assertSame(Nifti.read(f), t.volume(), "sheared");

        List<float[]> slices = new ArrayList<>();
        for (int k = 0; k < 4; k++) {
            float[] v = t.volume().sliceValues(k);
            for (int i = 0; i < v.length; i++)
                v[i] = v[i] * 0.001f + 0.25f;
            slices.add(v);
        }
        Volume prob = Volume.wrapFloats(512, 512, slices, t.volume().spacing(), t.volume().origin(), t.volume().axes());
        Path pf = tmp.resolve("prob.nii.gz");
        Nifti.write(prob, pf);
        Volume back = Nifti.read(pf);
        assertFalse(back.isShort());
        assertSame(back, prob, "float");
    }

    @Test
    void truncatedOrForeignFilesAreNamed() throws IOException {
        Path f = tmp.resolve("ct.nii");
        Nifti.write(cranium.volume(), f);
        byte[] b = Files.readAllBytes(f);
        Path cut = Files.write(tmp.resolve("cut.nii"), Arrays.copyOf(b, b.length / 2));
        CtException e = assertThrows(CtException.class, () -> Nifti.read(cut));
        assertTrue(e.getMessage().startsWith(cut.toString()) && e.getMessage().contains("truncated"), e.getMessage());
        Path dcm = TestData.plainSeries().resolve("I10");
        e = assertThrows(CtException.class, () -> Nifti.read(dcm));
        assertTrue(e.getMessage().startsWith(dcm.toString()) && e.getMessage().contains("not a NIfTI"), e.getMessage());
        e = assertThrows(CtException.class, () -> InVesaliusProject.read(dcm));
        assertTrue(e.getMessage().startsWith(dcm.toString()), e.getMessage());
    }

    private static void assertSame(Volume a, Volume b, String what) {
        assertArrayEquals(b.dims(), a.dims(), what);
        assertArrayEquals(b.spacing(), a.spacing(), 1e-4, what);
        assertArrayEquals(b.origin(), a.origin(), 1e-3, what);
        for (int c = 0; c < 3; c++)
            assertArrayEquals(b.axis(c), a.axis(c), 1e-5, what + " axis " + c);
        for (int k = 0; k < a.nz(); k++)
            assertArrayEquals(b.sliceValues(k), a.sliceValues(k), 1e-6f, what + " slice " + k);
    }

    private void assertNoLeftovers() throws IOException {
        try (Stream<Path> s = Files.list(tmp)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().endsWith(".part")), "temporary files left behind");
        }
    }
}
