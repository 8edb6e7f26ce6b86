package convbench.core.units;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.PreprocessorVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.Cnn3DLossLayer;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.Deconvolution3D;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.LocalResponseNormalization;
import org.deeplearning4j.nn.conf.layers.RnnLossLayer;
import org.deeplearning4j.nn.conf.layers.Subsampling3DLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.ZeroPadding1DLayer;
import org.deeplearning4j.nn.conf.layers.ZeroPadding3DLayer;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.misc.ElementWiseMultiplicationLayer;
import org.deeplearning4j.nn.conf.layers.BaseUpsamplingLayer;
import org.deeplearning4j.nn.conf.preprocessor.ComposableInputPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToRnnPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.RnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * The region of the input a unit at a given position sees, from the layer geometry (kernel, stride, dilation,
 * padding, upsampling) back through the network. Demands are propagated backwards through the graph in reverse
 * topological order, each vertex keeping the hull of what its consumers need, so branches (residual adds, U-Net
 * concatenations) are exact in one pass. Inputs flattened or pooled away (dense and global pooling layers) see
 * the whole input.
 */
final class ReceptiveFields {
    /** Inclusive index ranges per spatial axis; lo may be negative and hi past the end (padding). */
    record Range(int[] lo, int[] hi) {
        Range hull(Range o) {
            int[] l = lo.clone(), h = hi.clone();
            for (int a = 0; a < l.length; a++) {
                l[a] = Math.min(l[a], o.lo[a]);
                h[a] = Math.max(h[a], o.hi[a]);
            }
            return new Range(l, h);
        }
    }

    /** One step of the network: how a range of its output maps to a range of its input. */
    private record Step(String name, List<String> inputs, Layer layer, InputPreProcessor pre, boolean flatten) {
    }

    private final List<Step> order = new ArrayList<>();
    private final String inputName;
    /** Spatial sizes of every step's output, from a probe forward pass. */
    private final Map<String, int[]> spatial;
    private final int[] inputSpatial;

    private ReceptiveFields(String inputName, Map<String, int[]> spatial, int[] inputSpatial) {
        this.inputName = inputName;
        this.spatial = spatial;
        this.inputSpatial = inputSpatial;
    }

    /** @param spatial every layer's output spatial size (layer names as in the network) */
    static ReceptiveFields of(MultiLayerNetwork net, Map<String, int[]> spatial, int[] inputSpatial) {
        ReceptiveFields rf = new ReceptiveFields("__input", spatial, inputSpatial);
        String prev = rf.inputName;
        for (int i = 0; i < net.getnLayers(); i++) {
            Layer l = net.getLayer(i).conf().getLayer();
            String name = l.getLayerName() == null ? Integer.toString(i) : l.getLayerName();
            InputPreProcessor pre = net.getLayerWiseConfigurations().getInputPreProcess(i);
            rf.order.add(new Step(name, List.of(prev), l, pre, false));
            prev = name;
        }
        return rf;
    }

    static ReceptiveFields of(ComputationGraph net, Map<String, int[]> spatial, int[] inputSpatial) {
        ComputationGraphConfiguration conf = net.getConfiguration();
        ReceptiveFields rf = new ReceptiveFields(conf.getNetworkInputs().get(0), spatial, inputSpatial);
        for (int idx : net.topologicalSortOrder()) {
            String name = net.getVertices()[idx].getVertexName();
            GraphVertex v = conf.getVertices().get(name);
            if (v == null)
                continue; // a network input
            List<String> inputs = conf.getVertexInputs().get(name);
            if (v instanceof LayerVertex lv)
                rf.order.add(new Step(name, inputs, lv.getLayerConf().getLayer(), lv.getPreProcessor(), false));
            else if (v instanceof MergeVertex || v instanceof ElementWiseVertex)
                rf.order.add(new Step(name, inputs, null, null, false));
            else if (v instanceof PreprocessorVertex pv)
                rf.order.add(new Step(name, inputs, null, pv.getPreProcessor(), false));
            else
                rf.order.add(new Step(name, inputs, null, null, true)); // unknown vertex: assume it mixes everything
        }
        return rf;
    }

    /** The input range the unit at {@code position} of {@code layer} sees; whole input for flat layers. */
    Range inputRange(String layer, int[] position) {
        int dims = inputSpatial.length;
        Range whole = new Range(new int[dims], minusOne(inputSpatial));
        if (position.length == 0)
            return whole;
        Map<String, Range> need = new HashMap<>();
        need.put(layer, new Range(position.clone(), position.clone()));
        boolean started = false;
        for (int s = order.size() - 1; s >= 0; s--) {
            Step step = order.get(s);
            if (!started && !step.name.equals(layer))
                continue;
            started = true;
            Range r = need.remove(step.name);
            if (r == null)
                continue;
            Range in = backward(step, r);
            if (in == null)
                return whole;
            for (String input : step.inputs)
                need.merge(input, in, Range::hull);
        }
        if (!started)
            throw new UnitExplorerException("no layer '" + layer + "'");
        Range r = need.get(inputName);
        return r == null ? whole : r;
    }

    /** null: the step sees all of its input (flattening, dense, pooling over everything). */
    private Range backward(Step step, Range out) {
        if (step.flatten)
            return null;
        Range r = out;
        if (step.layer != null)
            r = layerBackward(step, r);
        if (r != null && step.pre != null && !positionwise(step.pre))
            return null;
        return r;
    }

    private static boolean positionwise(InputPreProcessor p) {
        if (p instanceof ComposableInputPreProcessor c) {
            for (InputPreProcessor q : c.getInputPreProcessors())
                if (!positionwise(q))
                    return false;
            return true;
        }
        // reshapes that keep every position's values together (DL4J's time-distributed layers, 1D batch norm)
        return p instanceof RnnToFeedForwardPreProcessor || p instanceof FeedForwardToRnnPreProcessor;
    }

    private Range layerBackward(Step step, Range out) {
        Layer l = step.layer;
        int dims = out.lo.length;
        if (l instanceof Deconvolution2D || l instanceof Deconvolution3D)
            throw new UnitExplorerException("layer '" + step.name + "' (" + l.getClass().getSimpleName()
                    + "): receptive fields through transposed convolutions are not supported");
        if (l instanceof ConvolutionLayer c) {
            ConvolutionMode mode = c.getConvolutionMode();
            return window(step, out, c.getKernelSize(), c.getStride(), c.getPadding(), c.getDilation(), mode,
                    l instanceof Convolution1DLayer && mode == ConvolutionMode.Causal);
        }
        if (l instanceof SubsamplingLayer p)
            return window(step, out, p.getKernelSize(), p.getStride(), p.getPadding(), p.getDilation(), p.getConvolutionMode(), false);
        if (l instanceof Subsampling3DLayer p)
            return window(step, out, p.getKernelSize(), p.getStride(), p.getPadding(), p.getDilation(), p.getConvolutionMode(), false);
        if (l instanceof BaseUpsamplingLayer u) {
            int[] size = u.getSize();
            int[] lo = new int[dims], hi = new int[dims];
            for (int a = 0; a < dims; a++) {
                int f = size[Math.min(a, size.length - 1)];
                lo[a] = Math.floorDiv(out.lo[a], f);
                hi[a] = Math.floorDiv(out.hi[a], f);
            }
            return new Range(lo, hi);
        }
        if (l instanceof ZeroPaddingLayer z)
            return shift(out, new int[] {z.getPadding()[0], z.getPadding()[2]});
        if (l instanceof ZeroPadding1DLayer z)
            return shift(out, new int[] {z.getPadding()[0]});
        if (l instanceof ZeroPadding3DLayer z)
            return shift(out, new int[] {z.getPadding()[0], z.getPadding()[2], z.getPadding()[4]});
        if (l instanceof BatchNormalization || l instanceof ActivationLayer || l instanceof DropoutLayer
                || l instanceof LocalResponseNormalization || l instanceof CnnLossLayer || l instanceof RnnLossLayer
                || l instanceof Cnn3DLossLayer || l instanceof ElementWiseMultiplicationLayer)
            return out;
        if (l instanceof org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer || l instanceof org.deeplearning4j.nn.conf.layers.FeedForwardLayer)
            return null;
        throw new UnitExplorerException("layer '" + step.name + "' (" + l.getClass().getSimpleName()
                + "): its receptive-field geometry is not known to the unit explorer");
    }

    private static Range shift(Range out, int[] pad) {
        int[] lo = out.lo.clone(), hi = out.hi.clone();
        for (int a = 0; a < lo.length; a++) {
            lo[a] -= pad[a];
            hi[a] -= pad[a];
        }
        return new Range(lo, hi);
    }

    private Range window(Step step, Range out, int[] kernel, int[] stride, int[] padding, int[] dilation,
            ConvolutionMode mode, boolean causal) {
        int dims = out.lo.length;
        int[] in = spatialOf(step.inputs.get(0));
        int[] outSize = spatial.get(step.name);
        int[] lo = new int[dims], hi = new int[dims];
        for (int a = 0; a < dims; a++) {
            int k = at(kernel, a), s = at(stride, a), d = dilation == null ? 1 : at(dilation, a);
            int eff = (k - 1) * d + 1;
            int pad;
            if (causal)
                pad = eff - 1;
            else if (mode == ConvolutionMode.Same)
                // DL4J's "same": the smaller half of the total padding goes first (ConvolutionUtils.getSameModeTopLeftPadding)
                pad = Math.max(0, ((outSize[a] - 1) * s + eff - in[a]) / 2);
            else
                pad = padding == null ? 0 : at(padding, a);
            lo[a] = out.lo[a] * s - pad;
            hi[a] = out.hi[a] * s - pad + eff - 1;
        }
        return new Range(lo, hi);
    }

    private int[] spatialOf(String name) {
        if (name.equals(inputName))
            return inputSpatial;
        int[] s = spatial.get(name);
        if (s != null)
            return s;
        for (Step step : order)
            if (step.name.equals(name))
                return spatialOf(step.inputs.get(0));
        throw new UnitExplorerException("no vertex '" + name + "'");
    }

    private static int at(int[] v, int a) {
        return v[Math.min(a, v.length - 1)];
    }

    private static int[] minusOne(int[] s) {
        int[] r = new int[s.length];
        for (int i = 0; i < s.length; i++)
            r[i] = s[i] - 1;
        return r;
    }
}
