package convbench.ct.seg;

import convbench.core.data.Example;
import convbench.core.data.ExampleSource;
import convbench.ct.api.Volume;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The sub-volumes of one volume (on the model's grid) that a lesion segmenter sees, as unlabelled examples
 * {@code [1, size, size, size]} every {@code stride} voxels: what the unit explorer ranks by a unit's activation.
 */
public final class VolumePatches implements ExampleSource {
    private final Volume grid;
    private final int size;
    private final SlidingWindow.Normaliser normaliser;
    private final List<int[]> origins = new ArrayList<>();

    /**
     * @param grid a volume already on the model's grid ({@link Resample#isotropic})
     * @param normaliser the model's HU window ({@link LesionSegmenter.Info#normaliser})
     */
    public VolumePatches(Volume grid, int size, int stride, SlidingWindow.Normaliser normaliser) {
        if (size < 1 || stride < 1)
            throw new IllegalArgumentException("patch size and stride must be positive");
        this.grid = grid;
        this.size = size;
        this.normaliser = normaliser;
        SlidingWindow w = new SlidingWindow(size, Math.max(0, size - stride));
        for (int k : w.starts(grid.nz()))
            for (int j : w.starts(grid.ny()))
                for (int i : w.starts(grid.nx()))
                    origins.add(new int[] { i, j, k });
    }

    @Override
    public int size() {
        return origins.size();
    }

    /** Patch i's first voxel (i, j, k) on the grid. */
    public int[] origin(int index) {
        return origins.get(index).clone();
    }

    @Override
    public Example get(int index) {
        int[] o = origins.get(index);
        float[] x = new float[size * size * size];
        float outside = normaliser.apply(-1000);
        for (int k = 0; k < size; k++)
            for (int j = 0; j < size; j++)
                for (int i = 0; i < size; i++) {
                    int gi = o[0] + i, gj = o[1] + j, gk = o[2] + k;
                    boolean in = gi < grid.nx() && gj < grid.ny() && gk < grid.nz();
                    x[(k * size + j) * size + i] = in ? normaliser.apply(grid.get(gi, gj, gk)) : outside;
                }
        return Example.unlabelled(Nd4j.create(x, new long[] { 1, size, size, size }, 'c'));
    }

    @Override
    public int[] featureShape() {
        return new int[] { 1, size, size, size };
    }
}
