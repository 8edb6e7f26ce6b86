package convbench.ct.seg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import convbench.ct.api.Volume;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

/** Sliding-window blending: an identity network gives back the volume exactly, slice by slice, bounded. */
class SlidingWindowTest {
    /** Class 0 = the input, class 1 = twice the input: blending of any weights must return exactly these. */
    static final SlidingWindow.Model IDENTITY = new SlidingWindow.Model() {
        @Override
        public int classes() {
            return 2;
        }

        @Override
        public float[][] predict(float[] window, int size) {
            float[] twice = new float[window.length];
            for (int i = 0; i < window.length; i++)
                twice[i] = 2 * window[i];
            return new float[][] { window.clone(), twice };
        }
    };

    @Test
    void identityNetworkReturnsTheVolumeExactly() {
        // sizes that the window does not divide, one axis smaller than the window
        Volume v = Volume.ofFloats(23, 9, 31, new double[] { 1, 1, 1 }, new double[3], Volume.identityAxes());
        Random r = new Random(1);
        for (int k = 0; k < v.nz(); k++)
            for (int t = 0; t < v.nx() * v.ny(); t++)
                v.floatSlice(k)[t] = (float) r.nextGaussian() * 100;
        List<Integer> order = new ArrayList<>();
        List<Integer> windowsRunAtSlice = new ArrayList<>();
        int[] predicted = { 0 };
        SlidingWindow.Model counting = new SlidingWindow.Model() {
            @Override
            public int classes() {
                return 2;
            }

            @Override
            public float[][] predict(float[] window, int size) {
                predicted[0]++;
                return IDENTITY.predict(window, size);
            }
        };
        int windows = new SlidingWindow(12, 5).run(v, x -> (float) x, counting, (k, values) -> {
            order.add(k);
            windowsRunAtSlice.add(predicted[0]);
            for (int t = 0; t < values[0].length; t++) {
                assertEquals(v.floatSlice(k)[t], values[0][t], 1e-3 * Math.max(1, Math.abs(values[0][t])), "slice " + k + " voxel " + t);
                assertEquals(2 * v.floatSlice(k)[t], values[1][t], 2e-3 * Math.max(1, Math.abs(values[1][t])));
            }
        }, () -> false, (f, m) -> {
        });
        // starts 0, 7, 11 along x (23); 0 along y (9 < 12); 0, 7, 14, 19 along z (31)
        assertEquals(3 * 1 * 4, windows);
        List<Integer> expected = new ArrayList<>();
        for (int k = 0; k < 31; k++)
            expected.add(k);
        assertEquals(expected, order, "every slice once, in order");
        // streamed: slices 0-6 leave as soon as the first slab (3 windows) is done, 7-13 after the second, ...
        assertEquals(3, windowsRunAtSlice.get(0));
        assertEquals(3, windowsRunAtSlice.get(6));
        assertEquals(6, windowsRunAtSlice.get(7));
        assertEquals(9, windowsRunAtSlice.get(14));
        assertEquals(12, windowsRunAtSlice.get(30));
    }

    @Test
    void windowStartsCoverTheAxisWithTheLastFlush() {
        SlidingWindow w = new SlidingWindow(64, 16);
        assertEquals(List.of(0), w.starts(40));
        assertEquals(List.of(0), w.starts(64));
        assertEquals(List.of(0, 48, 56), w.starts(120));
        assertEquals(List.of(0, 48, 96, 136), w.starts(200));
        assertThrows(IllegalArgumentException.class, () -> new SlidingWindow(8, 8));
    }

    @Test
    void blendingWeightsFavourTheWindowCentre() {
        float[] w = new SlidingWindow(16, 4).importance();
        float centre = w[(8 * 16 + 8) * 16 + 8], corner = w[0];
        assertTrue(centre > 0.9 && corner >= 1e-3 && corner < 0.01, centre + " " + corner);
        // symmetric
        assertEquals(w[1], w[14], 1e-9);
    }

    @Test
    void cancelStopsBetweenWindows() {
        Volume v = Volume.ofFloats(20, 20, 20, new double[] { 1, 1, 1 }, new double[3], Volume.identityAxes());
        int[] calls = { 0 };
        assertThrows(CancellationException.class, () -> new SlidingWindow(8, 2).run(v, x -> (float) x, IDENTITY,
                (k, values) -> {
                }, () -> calls[0]++ >= 3, (f, m) -> {
                }));
        assertEquals(4, calls[0]);
    }
}
