package convbench.units.ui.internal;

import java.util.List;

/**
 * A finished exploration in plain arrays, ready to paint without ND4J on the UI thread.
 *
 * @param inputShape one example's shape, channels first
 * @param lo        smallest value over all patches and shown inputs (a common scale for every tile)
 * @param hi        largest such value
 */
record Explored(String layer, int unit, int scanned, int[] inputShape, List<Tile> tiles, float lo, float hi, double seconds) {
    /**
     * One top input.
     *
     * @param start      receptive field start per spatial axis (inclusive, may be negative: padding)
     * @param end        receptive field end per spatial axis (exclusive, may pass the input's size)
     * @param patchShape [C, ...size]
     * @param patch      the patch, C order, zero outside the input
     * @param whole      the whole example (C order) for 1D and 2D inputs, null for volumes
     */
    record Tile(int example, String name, double activation, int[] position, int[] start, int[] end, int[] patchShape,
            float[] patch, float[] whole) {
        /** Whether patch cell {@code i} along spatial axis {@code axis} lies inside the input. */
        boolean inside(int axis, int i, int[] inputShape) {
            int at = start[axis] + i;
            return at >= 0 && at < inputShape[axis + 1];
        }
    }
}
