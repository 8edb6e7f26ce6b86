package convbench.core.units;

import convbench.dl4j.Nd4jContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.autodiff.functions.DifferentialFunction;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The Unit Explorer's view of a SameDiff graph (e.g. a network rebuilt from TF.js weights): the outputs of its 2D
 * convolution and pooling ops as layers, their activations for a batch, and the input region a unit sees, traced back
 * through the op chain (kernel, stride, dilation, 'same'/'valid' or explicit padding, pad ops; element-wise ops such
 * as scale, bias, ReLU and residual adds keep positions). The graph must take one NCHW placeholder; the examples are
 * [C, H, W]. An op the tracer does not know that changes the spatial size makes the unit see the whole input.
 */
public final class SameDiffProbe {
    /** A probe-able op output: its variable name, the op (e.g. conv2d) and its channels. */
    public record Layer(String name, String op, int units) {
        public String label() {
            return name + " (" + op + ", " + units + " units)";
        }
    }

    private static final Set<String> CONV = Set.of("conv2d", "depthwise_conv2d");
    private static final Set<String> POOL = Set.of("maxpool2d", "avgpool2d");

    private final SameDiff sd;
    private final String input;
    private final int[] exampleShape;
    private final List<Layer> layers = new ArrayList<>();
    /** Spatial size [H, W] of every data-dependent rank-4 variable, from one forward pass. */
    private final Map<String, int[]> spatial = new HashMap<>();

    /**
     * @param input the NCHW placeholder's name
     * @param exampleShape one example, [C, H, W]
     */
    public SameDiffProbe(SameDiff sd, String input, int[] exampleShape) {
        if (exampleShape.length != 3)
            throw new UnitExplorerException("a SameDiff probe takes [C, H, W] images, got " + Arrays.toString(exampleShape));
        SDVariable in = sd.getVariable(input);
        if (in == null || in.getVariableType() != VariableType.PLACEHOLDER)
            throw new UnitExplorerException("the graph has no placeholder '" + input + "'");
        this.sd = sd;
        this.input = input;
        this.exampleShape = exampleShape.clone();
        List<String> arrays = new ArrayList<>();
        for (SDVariable v : sd.variables())
            if (v.getVariableType() == VariableType.ARRAY && sd.getVariableOutputOp(v.name()) != null)
                arrays.add(v.name());
        Map<String, INDArray> out = run(zeros(1), arrays.toArray(String[]::new));
        spatial.put(input, new int[] {exampleShape[1], exampleShape[2]});
        for (Map.Entry<String, INDArray> e : out.entrySet())
            if (e.getValue() != null && e.getValue().rank() == 4)
                spatial.put(e.getKey(), new int[] {(int) e.getValue().size(2), (int) e.getValue().size(3)});
        for (SameDiffOp op : ops()) {
            String kind = op.getOp().opName();
            if ((CONV.contains(kind) || POOL.contains(kind)) && op.getOutputsOfOp() != null) {
                String name = op.getOutputsOfOp().get(0);
                INDArray a = out.get(name);
                if (a != null && a.rank() == 4)
                    layers.add(new Layer(name, kind, (int) a.size(1)));
            }
        }
        if (layers.isEmpty())
            throw new UnitExplorerException("the graph has no 2D convolution or pooling op to explore");
    }

    /** The convolution and pooling outputs, in graph order. */
    public List<Layer> layers() {
        return List.copyOf(layers);
    }

    public int[] exampleShape() {
        return exampleShape.clone();
    }

    Layer layer(String name) {
        for (Layer l : layers)
            if (l.name().equals(name))
                return l;
        throw new UnitExplorerException("no convolution or pooling output '" + name + "'; the layers are "
                + layers.stream().map(Layer::name).toList());
    }

    /** [N, C, H, W] activations of {@code layer} for a channels-first batch. */
    public INDArray activation(String layer, INDArray batch) {
        layer(layer);
        return run(batch.castTo(DataType.FLOAT), layer).get(layer);
    }

    private Map<String, INDArray> run(INDArray batch, String... outputs) {
        return Nd4jContext.call(() -> sd.output(Map.of(input, batch), outputs));
    }

    private INDArray zeros(int n) {
        return Nd4j.zeros(DataType.FLOAT, n, exampleShape[0], exampleShape[1], exampleShape[2]);
    }

    private Iterable<SameDiffOp> ops() {
        return sd.getOps().values();
    }

    /**
     * The input region the unit at {@code position} [y, x] of {@code layer} sees: {start, end} per axis [y, x], end
     * exclusive, as {@link UnitPatch} gives them (may reach past the edges where ops pad).
     */
    public int[][] receptiveField(String layer, int[] position) {
        ReceptiveFields.Range r = inputRange(layer, position);
        return new int[][] {r.lo().clone(), {r.hi()[0] + 1, r.hi()[1] + 1}};
    }

    /**
     * The input rows and columns (inclusive; may reach past the edges where ops pad) that the unit at
     * {@code position} [y, x] of {@code layer} sees.
     */
    ReceptiveFields.Range inputRange(String layer, int[] position) {
        layer(layer);
        Map<String, ReceptiveFields.Range> need = new LinkedHashMap<>();
        need.put(layer, new ReceptiveFields.Range(position.clone(), position.clone()));
        ReceptiveFields.Range whole = new ReceptiveFields.Range(new int[2], new int[] {exampleShape[1] - 1, exampleShape[2] - 1});
        // ops in reverse graph order: every consumer of a variable comes before its producer
        List<SameDiffOp> reversed = new ArrayList<>();
        ops().forEach(reversed::add);
        java.util.Collections.reverse(reversed);
        for (SameDiffOp op : reversed) {
            List<String> outs = op.getOutputsOfOp();
            if (outs == null || outs.isEmpty() || !need.containsKey(outs.get(0)))
                continue;
            ReceptiveFields.Range r = need.remove(outs.get(0));
            for (String in : op.getInputsToOp() == null ? List.<String>of() : op.getInputsToOp()) {
                if (!dataDependent(in) || !spatial.containsKey(in))
                    continue; // weights, biases, per-channel scales, pad amounts
                ReceptiveFields.Range back = back(op.getOp(), r, outs.get(0), in);
                if (back == null)
                    return whole;
                need.merge(in, back, ReceptiveFields.Range::hull);
            }
        }
        ReceptiveFields.Range found = need.get(input);
        return found == null ? whole : found;
    }

    private boolean dataDependent(String name) {
        SDVariable v = sd.getVariable(name);
        return v != null && (v.getVariableType() == VariableType.ARRAY || v.getVariableType() == VariableType.PLACEHOLDER);
    }

    /** What one op needs of {@code in} to make {@code r} of its output; null: the tracer cannot say. */
    private ReceptiveFields.Range back(DifferentialFunction f, ReceptiveFields.Range r, String out, String in) {
        String kind = f.opName();
        int[] inSize = spatial.get(in), outSize = spatial.get(out);
        if ((CONV.contains(kind) || POOL.contains(kind)) && f instanceof DynamicCustomOp op) {
            // libnd4j's 2D convolution and pooling integer arguments: kH, kW, sH, sW, pH, pW, dH, dW, same mode
            long[] a = op.iArgs();
            int[] lo = new int[2], hi = new int[2];
            for (int ax = 0; ax < 2; ax++) {
                int k = (int) a[ax], s = (int) a[2 + ax], p = (int) a[4 + ax], d = Math.max(1, (int) a[6 + ax]);
                if (a[8] == 1) // 'same': TF's padding, the odd cell at the end
                    p = Math.max(0, ((outSize[ax] - 1) * s + (k - 1) * d + 1 - inSize[ax]) / 2);
                lo[ax] = r.lo()[ax] * s - p;
                hi[ax] = r.hi()[ax] * s - p + (k - 1) * d;
            }
            return new ReceptiveFields.Range(lo, hi);
        }
        if (kind.equals("pad")) {
            INDArray p = sd.getArrForVarName(f.args()[1].name());
            int top = p.getInt(2, 0), left = p.getInt(3, 0);
            return new ReceptiveFields.Range(new int[] {r.lo()[0] - top, r.lo()[1] - left},
                    new int[] {r.hi()[0] - top, r.hi()[1] - left});
        }
        // element-wise and per-channel ops: same positions when the sizes agree
        return Arrays.equals(inSize, outSize) ? r : null;
    }
}
