package convbench.ct;

import static org.junit.jupiter.api.Assertions.*;

import convbench.ct.api.InVesaliusProject;
import convbench.ct.api.LoadedSeries;
import convbench.ct.api.Planes;
import convbench.ct.api.Planes.Plane;
import convbench.ct.api.SeriesLoader;
import convbench.ct.api.Volume;

import java.io.IOException;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Plane extraction, pixel/voxel mapping, windowing and overlay alignment on the real head CT and DICOM series. */
class PlanesTest {
    private static InVesaliusProject cranium;

    @BeforeAll
    static void read() throws IOException {
        cranium = InVesaliusProject.read(TestData.shared("ct/invesalius/Cranium.inv3"));
    }

    @Test
    void planeValuesAreTheVoxelsTheMappingNames() {
        Volume v = cranium.volume();
        for (Plane p : Plane.values()) {
            int index = Planes.depth(v, p) / 2, w = Planes.width(v, p), h = Planes.height(v, p);
            float[] img = Planes.values(v, p, index);
            assertEquals(w * h, img.length);
            for (int y = 0; y < h; y += 7)
                for (int x = 0; x < w; x += 5) {
                    int[] ijk = Planes.voxel(v, p, index, x, y);
                    assertEquals(v.get(ijk[0], ijk[1], ijk[2]), img[y * w + x], p + " pixel " + x + "," + y);
                    assertArrayEquals(new int[] { x, y }, Planes.pixel(v, p, ijk));
                }
        }
        assertArrayEquals(new int[] { 256, 108 }, new int[] { Planes.width(v, Plane.CORONAL), Planes.height(v, Plane.CORONAL) });
        assertArrayEquals(new double[] { 0.9570312, 1.5 }, Planes.pixelSize(v, Plane.SAGITTAL), 1e-6);
    }

    @Test
    void headIsAtTheTopOfCoronalAndSagittalImages() throws IOException {
        // the axial DICOM series' slice normal points to +z (head): the top image row is the last slice
        LoadedSeries s = new SeriesLoader(TestData.TOOLKIT).load(TestData.onlySeries(TestData.plainSeries()));
        Volume v = s.volume();
        assertTrue(v.axis(2)[2] > 0);
        assertEquals(v.nz() - 1, Planes.voxel(v, Plane.CORONAL, 0, 0, 0)[2]);
        assertEquals(0, Planes.voxel(v, Plane.SAGITTAL, 0, 0, Planes.height(v, Plane.SAGITTAL) - 1)[2]);
        assertEquals(0, Planes.voxel(v, Plane.AXIAL, 3, 0, 0)[1]);
    }

    @Test
    void windowIsLinearAndClamped() {
        byte[] g = Planes.window(new float[] { -1000, -160, 40, 240, 3000 }, 40, 400); // soft tissue
        assertArrayEquals(new int[] { 0, 0, 128, 255, 255 }, new int[] { g[0] & 255, g[1] & 255, g[2] & 255, g[3] & 255, g[4] & 255 });
    }

    @Test
    void overlayAlignsOntoAnotherGrid() {
        Volume base = cranium.volume();
        Volume mask = cranium.masks().get(0).labels();
        assertSame(mask, Planes.alignTo(mask, base), "same grid: used as is");
        // a half-resolution copy of the mask, one voxel = 2 base voxels: aligning it back recovers the even voxels
        int nx = base.nx() / 2, ny = base.ny() / 2, nz = base.nz() / 2;
        double[] s = base.spacing();
        Volume coarse = Volume.ofShorts(nx, ny, nz, new double[] { 2 * s[0], 2 * s[1], 2 * s[2] }, base.origin(), base.axes());
        for (int k = 0; k < nz; k++)
            for (int j = 0; j < ny; j++)
                for (int i = 0; i < nx; i++)
                    coarse.set(i, j, k, mask.get(2 * i, 2 * j, 2 * k));
        Volume aligned = Planes.alignTo(coarse, base);
        assertArrayEquals(base.dims(), aligned.dims());
        assertTrue(Planes.sameGrid(aligned, base));
        for (int k = 0; k < base.nz() - 1; k += 2)
            for (int j = 0; j < base.ny() - 1; j += 6)
                for (int i = 0; i < base.nx() - 1; i += 6)
                    assertEquals(mask.get(i, j, k), aligned.get(i, j, k), "voxel " + i + "," + j + "," + k);
    }
}
