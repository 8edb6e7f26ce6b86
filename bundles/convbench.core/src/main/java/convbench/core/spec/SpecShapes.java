package convbench.core.spec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a spec and works out every layer's name and output shape before DL4J sees it, so that a bad spec fails
 * with a message naming the layer (DL4J's own messages name internal indices).
 */
public final class SpecShapes {
    /** A layer with its resolved name and shapes; {@code inner} holds a residual block's layers. */
    public record Node(String name, LayerSpec layer, Shape input, Shape output, List<Node> inner,
            int[] projectionStride) {
    }

    private final ModelSpec spec;
    private final Map<String, Shape> byName = new HashMap<>();
    private final Map<String, Integer> counters = new HashMap<>();

    private SpecShapes(ModelSpec spec) {
        this.spec = spec;
    }

    public static List<Node> infer(ModelSpec spec) {
        SpecShapes s = new SpecShapes(spec);
        Shape in = spec.inputShape();
        if (spec.layers().isEmpty())
            throw new SpecException(spec.name() + ": the spec has no layers");
        List<Node> nodes = s.chain(spec.layers(), in, "", true);
        Node last = nodes.get(nodes.size() - 1);
        if (last.layer().type() != LayerSpec.Type.OUTPUT)
            throw new SpecException(spec.name() + ": the last layer must be \"output\", got '" + last.name() + "' ("
                    + last.layer().type().id + ")");
        return nodes;
    }

    public static Shape outputShape(ModelSpec spec) {
        List<Node> nodes = infer(spec);
        return nodes.get(nodes.size() - 1).output();
    }

    /** Axis names for messages: width; height, width; depth, height, width. */
    static String axis(int dims, int i) {
        return switch (dims) {
            case 1 -> "width";
            case 2 -> i == 0 ? "height" : "width";
            default -> new String[] {"depth", "height", "width"}[i];
        };
    }

    private List<Node> chain(List<LayerSpec> layers, Shape in, String prefix, boolean topLevel) {
        List<Node> nodes = new ArrayList<>();
        Shape current = in;
        for (int i = 0; i < layers.size(); i++) {
            LayerSpec l = layers.get(i);
            if (l == null)
                throw new SpecException(spec.name() + ": layer " + (i + 1) + " is empty");
            LayerSpec.Type type = l.type();
            String name = l.name() != null ? l.name() : prefix + type.id + counters.merge(prefix + type.id, 1, Integer::sum);
            if (byName.containsKey(name))
                throw new SpecException(spec.name() + ": two layers are named '" + name + "'");
            String where = spec.name() + ": layer " + (i + 1) + " '" + name + "' (" + type.id + ")";
            if (type == LayerSpec.Type.OUTPUT && (!topLevel || i != layers.size() - 1))
                throw new SpecException(where + ": \"output\" must be the last layer of the spec");
            Node node = layer(l, type, name, where, current);
            byName.put(name, node.output());
            nodes.add(node);
            current = node.output();
        }
        return nodes;
    }

    private Node layer(LayerSpec l, LayerSpec.Type type, String name, String where, Shape in) {
        switch (type) {
            case CONV: {
                requireSpatial(where, in);
                int filters = positive(where, "filters", l.filters());
                Shape out = new Shape(filters, window(where, in, l.kernel(), l.stride(), l.dilation(), l.padding(), 1, true));
                return new Node(name, l, in, out, List.of(), null);
            }
            case POOL: {
                requireSpatial(where, in);
                int[] kernel = l.kernel() == null ? new int[] {2} : l.kernel();
                int[] stride = l.stride() == null ? kernel : l.stride();
                pooling(where, l.pooling(), "max");
                return new Node(name, l, in, new Shape(in.channels(),
                        window(where, in, kernel, stride, null, l.padding(), 2, false)), List.of(), null);
            }
            case BATCHNORM:
            case ACTIVATION:
                if (type == LayerSpec.Type.ACTIVATION && l.activation() == null)
                    throw new SpecException(where + ": needs \"activation\"");
                return new Node(name, l, in, in, List.of(), null);
            case DROPOUT: {
                Double rate = l.rate();
                if (rate == null || rate < 0 || rate >= 1)
                    throw new SpecException(where + ": \"rate\" (fraction dropped) must be in [0, 1), got " + rate);
                return new Node(name, l, in, in, List.of(), null);
            }
            case DENSE: {
                requireFlat(where, in);
                return new Node(name, l, in, Shape.flat(positive(where, "units", l.units())), List.of(), null);
            }
            case GLOBALPOOL:
                requireSpatial(where, in);
                pooling(where, l.pooling(), "avg");
                return new Node(name, l, in, Shape.flat(in.channels()), List.of(), null);
            case FLATTEN: {
                requireSpatial(where, in);
                long size = in.size();
                if (size > Integer.MAX_VALUE)
                    throw new SpecException(where + ": flattening " + in + " gives too many values");
                return new Node(name, l, in, Shape.flat((int) size), List.of(), null);
            }
            case UPSAMPLE: {
                requireSpatial(where, in);
                int[] size = expand(where, "size", l.size() == null ? new int[] {2} : l.size(), in.dims());
                int[] out = new int[in.dims()];
                for (int a = 0; a < out.length; a++) {
                    if (size[a] < 1)
                        throw new SpecException(where + ": \"size\" must be >= 1, got " + Arrays.toString(l.size()));
                    out[a] = in.spatial()[a] * size[a];
                }
                return new Node(name, l, in, new Shape(in.channels(), out), List.of(), null);
            }
            case CONCAT: {
                requireSpatial(where, in);
                if (l.with() == null)
                    throw new SpecException(where + ": needs \"with\", the name of an earlier layer to join");
                Shape other = byName.get(l.with());
                if (other == null)
                    throw new SpecException(where + ": \"with\": no earlier layer is named '" + l.with() + "'");
                if (!Arrays.equals(other.spatial(), in.spatial()))
                    throw new SpecException(where + ": cannot join " + in + " with '" + l.with() + "' " + other
                            + ": the spatial sizes differ (upsample or pool so that they match)");
                return new Node(name, l, in, new Shape(in.channels() + other.channels(), in.spatial()), List.of(), null);
            }
            case RESIDUAL: {
                if (l.layers().isEmpty())
                    throw new SpecException(where + ": a residual block needs \"layers\"");
                for (LayerSpec inner : l.layers())
                    if (inner.type() == LayerSpec.Type.RESIDUAL || inner.type() == LayerSpec.Type.CONCAT
                            || inner.type() == LayerSpec.Type.OUTPUT)
                        throw new SpecException(where + ": a residual block cannot hold a " + inner.type().id + " layer");
                List<Node> inner = chain(l.layers(), in, name + "_", false);
                Shape out = inner.get(inner.size() - 1).output();
                int[] projection = null;
                if (!out.equals(in)) {
                    if (in.dims() != out.dims())
                        throw new SpecException(where + ": the block turns " + in + " into " + out
                                + "; input and output must both be spatial or both flat");
                    projection = new int[in.dims()];
                    for (int a = 0; a < projection.length; a++) {
                        int i = in.spatial()[a], o = out.spatial()[a];
                        if (o > i || i % o != 0 || (i / o) * o != i)
                            throw new SpecException(where + ": the block turns " + in + " into " + out + ": the "
                                    + axis(in.dims(), a) + " " + i + " -> " + o + " is not a whole-number stride for the shortcut");
                        projection[a] = i / o;
                    }
                }
                return new Node(name, l, in, out, inner, projection);
            }
            case OUTPUT: {
                int units = positive(where, "units", l.units());
                String loss = l.loss() == null ? "mcxent" : l.loss();
                if (!List.of("mcxent", "xent", "mse").contains(loss))
                    throw new SpecException(where + ": unknown loss '" + loss + "' (mcxent, xent, mse)");
                if (l.classWeights() != null && l.classWeights().length != units)
                    throw new SpecException(where + ": " + l.classWeights().length + " class weights for " + units + " units");
                Shape out = in.isFlat() ? Shape.flat(units) : new Shape(units, in.spatial());
                return new Node(name, l, in, out, List.of(), null);
            }
            default:
                throw new SpecException(where + ": unsupported");
        }
    }

    private static void requireSpatial(String where, Shape in) {
        if (in.isFlat())
            throw new SpecException(where + ": needs a spatial input, but its input is flat " + in);
    }

    private static void requireFlat(String where, Shape in) {
        if (!in.isFlat())
            throw new SpecException(where + ": its input is spatial " + in
                    + "; put a \"flatten\" or \"globalpool\" layer before it");
    }

    private static int positive(String where, String field, Integer value) {
        if (value == null || value <= 0)
            throw new SpecException(where + ": \"" + field + "\" must be a positive number, got " + value);
        return value;
    }

    private static void pooling(String where, String pooling, String fallback) {
        String p = pooling == null ? fallback : pooling;
        if (!p.equals("max") && !p.equals("avg"))
            throw new SpecException(where + ": \"pooling\" must be max or avg, got '" + p + "'");
    }

    static int[] expand(String where, String field, int[] values, int dims) {
        if (values == null)
            return null;
        if (values.length == 1) {
            int[] v = new int[dims];
            Arrays.fill(v, values[0]);
            return v;
        }
        if (values.length != dims)
            throw new SpecException(where + ": \"" + field + "\" has " + values.length + " values for " + dims
                    + "D data " + Arrays.toString(values));
        return values.clone();
    }

    /** Output sizes of a sliding window, checking that the kernel fits. */
    private static int[] window(String where, Shape in, int[] kernelSpec, int[] strideSpec, int[] dilationSpec,
            String padding, int defaultKernel, boolean conv) {
        int dims = in.dims();
        if (kernelSpec == null && conv)
            throw new SpecException(where + ": needs \"kernel\"");
        int[] kernel = expand(where, "kernel", kernelSpec == null ? new int[] {defaultKernel} : kernelSpec, dims);
        int[] stride = expand(where, "stride", strideSpec == null ? new int[] {1} : strideSpec, dims);
        int[] dilation = expand(where, "dilation", dilationSpec == null ? new int[] {1} : dilationSpec, dims);
        boolean same = paddingSame(where, padding);
        int[] out = new int[dims];
        for (int a = 0; a < dims; a++) {
            if (kernel[a] < 1 || stride[a] < 1 || dilation[a] < 1)
                throw new SpecException(where + ": kernel, stride and dilation must be >= 1, got kernel "
                        + Arrays.toString(kernel) + " stride " + Arrays.toString(stride) + " dilation " + Arrays.toString(dilation));
            int size = in.spatial()[a];
            int effective = (kernel[a] - 1) * dilation[a] + 1;
            if (same) {
                out[a] = (size + stride[a] - 1) / stride[a];
            } else {
                if (effective > size)
                    throw new SpecException(where + ": kernel " + kernel[a]
                            + (dilation[a] > 1 ? " (" + effective + " with dilation " + dilation[a] + ")" : "")
                            + " is larger than its input " + size + " along " + axis(dims, a) + " (input " + in
                            + ", padding valid)");
                out[a] = (size - effective) / stride[a] + 1;
            }
        }
        return out;
    }

    static boolean paddingSame(String where, String padding) {
        if (padding == null || padding.equals("valid"))
            return false;
        if (padding.equals("same"))
            return true;
        throw new SpecException(where + ": \"padding\" must be same or valid, got '" + padding + "'");
    }
}
