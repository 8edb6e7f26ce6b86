package convbench.bench.tf;

import java.util.Arrays;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.TensorFlow;
import org.tensorflow.op.Ops;
import org.tensorflow.op.nn.Conv3d;
import org.tensorflow.op.nn.Conv3dBackpropFilter;
import org.tensorflow.op.nn.Conv3dBackpropInput;
import org.tensorflow.types.family.TNumber;

/**
 * TensorFlow's C++ gradient registry (what Graph.addGradients uses from Java) has no gradient for Conv3D; Python
 * defines it as Conv3DBackpropInputV2 and Conv3DBackpropFilterV2 (nn_grad.py, _Conv3DGrad), and so does this one,
 * registered once per JVM.
 */
final class Conv3dGradient {
    private static boolean registered;

    private Conv3dGradient() {
    }

    static synchronized void register() {
        if (registered)
            return;
        TensorFlow.registerCustomGradient(Conv3d.Inputs.class, Conv3dGradient::gradient);
        registered = true;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static List<Operand<?>> gradient(Ops tf, Conv3d.Inputs op, List<org.tensorflow.Output<?>> grads) {
        Conv3d.Inputs<TNumber> in = op;
        Operand<TNumber> dy = (Operand<TNumber>) grads.get(0);
        List<Long> strides = Arrays.stream(in.strides).boxed().toList();
        List<Long> dilations = Arrays.stream(in.dilations).boxed().toList();
        Operand<?> dx = tf.nn.conv3dBackpropInput(tf.shape(in.input), in.filter, dy, strides, in.padding,
                Conv3dBackpropInput.dataFormat(in.dataFormat), Conv3dBackpropInput.dilations(dilations));
        Operand<?> dw = tf.nn.conv3dBackpropFilter(in.input, tf.shape(in.filter), dy, strides, in.padding,
                Conv3dBackpropFilter.dataFormat(in.dataFormat), Conv3dBackpropFilter.dilations(dilations));
        return List.of(dx, dw);
    }
}
