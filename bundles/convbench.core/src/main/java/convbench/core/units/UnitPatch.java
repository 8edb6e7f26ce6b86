package convbench.core.units;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One of the top inputs of a unit: the example, the unit's activation there, the position (in the layer's output)
 * where it peaked, and the receptive field in input coordinates, {@code start} inclusive to {@code end} exclusive
 * per spatial axis (it may reach past the input's edges where the layers pad). {@code patch} is that region of the
 * example, [C, ...size], zero where it lies outside the input.
 */
public record UnitPatch(int example, double activation, int[] position, int[] start, int[] end, INDArray patch) {
}
