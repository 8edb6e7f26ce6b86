package convbench.core.data;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One training or test example without the batch axis: features channels first ({@code [C, W]}, {@code [C, H, W]},
 * {@code [C, D, H, W]}), the label one-hot ({@code [K]}) or per position ({@code [K, ...spatial]}), or null when
 * unlabelled.
 */
public record Example(INDArray features, INDArray label) {
    public Example {
        if (features == null)
            throw new IllegalArgumentException("an example needs features");
    }

    public static Example unlabelled(INDArray features) {
        return new Example(features, null);
    }
}
