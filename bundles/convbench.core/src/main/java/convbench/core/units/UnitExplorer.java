package convbench.core.units;

import convbench.core.data.Batches;
import convbench.core.data.ExampleSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * "What are deep convnets really learning?": scans a data set through a network and keeps the k inputs that
 * excite one unit (a channel of a layer) most, each with the patch of the input that unit sees at its peak: the
 * receptive field from the layer geometry. Works for 1D signals (segments), 2D images (patches) and 3D volumes
 * (sub-volumes), with MultiLayerNetworks and ComputationGraphs, and 2D images with SameDiff graphs
 * ({@link SameDiffProbe}).
 */
public final class UnitExplorer {
    public static final int DEFAULT_K = 9;

    private UnitExplorer() {
    }

    public static UnitReport explore(Model net, ExampleSource data, String layer, int unit) {
        return explore(net, data, layer, unit, DEFAULT_K, 32, () -> false);
    }

    /**
     * @param layer the layer's name (or, for a MultiLayerNetwork, its index)
     * @param unit the channel (or, for flat layers, the neuron)
     * @param cancelled polled between batches
     */
    public static UnitReport explore(Model net, ExampleSource data, String layer, int unit, int k, int batchSize,
            BooleanSupplier cancelled) {
        Probe probe = new Probe(net, layer);
        ReceptiveFields[] rf = {null};
        return scan(new Scanned() {
            @Override
            public String name() {
                return probe.name;
            }

            @Override
            public INDArray activation(INDArray batch) {
                return probe.activation(batch);
            }

            @Override
            public ReceptiveFields.Range inputRange(INDArray example, int[] position) {
                if (rf[0] == null)
                    rf[0] = probe.receptiveFields(example);
                return rf[0].inputRange(probe.name, position);
            }
        }, data, unit, k, batchSize, cancelled);
    }

    /**
     * The same scan on a SameDiff graph's convolution or pooling output ({@link SameDiffProbe#layers()}); examples
     * [C, H, W] as the probe's.
     */
    public static UnitReport explore(SameDiffProbe net, ExampleSource data, String layer, int unit, int k, int batchSize,
            BooleanSupplier cancelled) {
        net.layer(layer);
        if (data.size() > 0 && !Arrays.equals(data.featureShape(), net.exampleShape()))
            throw new UnitExplorerException("the examples are " + Arrays.toString(data.featureShape()) + ", the graph takes "
                    + Arrays.toString(net.exampleShape()));
        return scan(new Scanned() {
            @Override
            public String name() {
                return layer;
            }

            @Override
            public INDArray activation(INDArray batch) {
                return net.activation(layer, batch);
            }

            @Override
            public ReceptiveFields.Range inputRange(INDArray example, int[] position) {
                return net.inputRange(layer, position);
            }
        }, data, unit, k, batchSize, cancelled);
    }

    /** A layer of some network: its activations for a batch and the input region a position of it sees. */
    private interface Scanned {
        String name();

        INDArray activation(INDArray batch);

        ReceptiveFields.Range inputRange(INDArray example, int[] position);
    }

    private static UnitReport scan(Scanned probe, ExampleSource data, int unit, int k, int batchSize, BooleanSupplier cancelled) {
        if (k < 1)
            throw new UnitExplorerException("k must be >= 1, got " + k);
        if (data.size() == 0)
            throw new UnitExplorerException("no examples to scan");
        // peak activation per example; ties keep the earlier example
        Comparator<double[]> worstFirst = Comparator.<double[]>comparingDouble(e -> e[0]).thenComparingDouble(e -> -e[1]);
        PriorityQueue<double[]> heap = new PriorityQueue<>(worstFirst);
        Map<Integer, int[]> positions = new HashMap<>();
        int[] layerShape = null;
        for (int from = 0; from < data.size(); from += batchSize) {
            if (cancelled.getAsBoolean())
                throw new CancellationException("unit exploration cancelled");
            int to = Math.min(data.size(), from + batchSize);
            List<INDArray> xs = new ArrayList<>();
            for (int i = from; i < to; i++)
                xs.add(data.get(i).features());
            INDArray act = probe.activation(Batches.stack(xs));
            if (layerShape == null) {
                layerShape = Arrays.stream(Arrays.copyOfRange(act.shape(), 1, act.rank())).mapToInt(Math::toIntExact).toArray();
                if (unit < 0 || unit >= act.size(1))
                    throw new UnitExplorerException("layer '" + probe.name() + "' has " + act.size(1) + " units (channels), no unit " + unit);
            }
            for (int i = 0; i < to - from; i++) {
                INDArray map = act.rank() == 2 ? act.get(NDArrayIndex.point(i), NDArrayIndex.interval(unit, unit + 1))
                        : act.get(index(act.rank(), i, unit));
                INDArray flat = map.castTo(DataType.DOUBLE).dup('c').reshape(map.length());
                int arg = flat.argMax(0).getInt(0);
                double value = flat.getDouble(arg);
                int[] pos = act.rank() == 2 ? new int[0] : unravel(arg, Arrays.copyOfRange(layerShape, 1, layerShape.length));
                heap.add(new double[] {value, from + i});
                positions.put(from + i, pos);
                if (heap.size() > k)
                    positions.remove((int) heap.poll()[1]);
            }
        }
        List<double[]> best = new ArrayList<>(heap);
        best.sort(worstFirst.reversed());
        int[] inputShape = data.featureShape();
        List<UnitPatch> top = new ArrayList<>();
        for (double[] b : best) {
            int example = (int) b[1];
            int[] pos = positions.get(example);
            ReceptiveFields.Range r = probe.inputRange(data.get(0).features(), pos);
            int[] end = Arrays.stream(r.hi()).map(h -> h + 1).toArray();
            top.add(new UnitPatch(example, b[0], pos, r.lo(), end, crop(data.get(example).features(), r.lo(), end)));
        }
        return new UnitReport(probe.name(), unit, layerShape, inputShape, data.size(), top);
    }

    /** The region [start, end) of an example [C, ...spatial], zero outside the example. */
    static INDArray crop(INDArray x, int[] start, int[] end) {
        int dims = start.length;
        long[] shape = new long[dims + 1];
        shape[0] = x.size(0);
        INDArrayIndex[] src = new INDArrayIndex[dims + 1], dst = new INDArrayIndex[dims + 1];
        src[0] = NDArrayIndex.all();
        dst[0] = NDArrayIndex.all();
        for (int a = 0; a < dims; a++) {
            shape[a + 1] = end[a] - start[a];
            long lo = Math.max(0, start[a]), hi = Math.min(x.size(a + 1), end[a]);
            if (hi <= lo)
                return Nd4j.zeros(x.dataType(), shape);
            src[a + 1] = NDArrayIndex.interval(lo, hi);
            dst[a + 1] = NDArrayIndex.interval(lo - start[a], hi - start[a]);
        }
        INDArray patch = Nd4j.zeros(x.dataType(), shape);
        patch.put(dst, x.get(src));
        return patch;
    }

    private static INDArrayIndex[] index(int rank, int example, int unit) {
        INDArrayIndex[] idx = new INDArrayIndex[rank];
        idx[0] = NDArrayIndex.point(example);
        idx[1] = NDArrayIndex.point(unit);
        for (int a = 2; a < rank; a++)
            idx[a] = NDArrayIndex.all();
        return idx;
    }

    private static int[] unravel(int flat, int[] shape) {
        int[] pos = new int[shape.length];
        for (int a = shape.length - 1; a >= 0; a--) {
            pos[a] = flat % shape[a];
            flat /= shape[a];
        }
        return pos;
    }

    /**
     * Forward passes up to one layer of either network kind, and the shapes for the geometry. Examples are always
     * channels first; a channels-last network (Keras and TF.js imports) gets them as NHWC and its image activations
     * are turned back to NCHW, so units, positions and patches mean the same for both.
     */
    private static final class Probe {
        final Model net;
        final String name;
        final int mlnIndex;
        /** The probed layer's index in the graph's layers array. */
        final int graphPosition;
        final boolean channelsLast;

        Probe(Model net, String layer) {
            this.net = net;
            this.channelsLast = channelsLast(net);
            if (net instanceof MultiLayerNetwork m) {
                int found = -1;
                for (int i = 0; i < m.getnLayers(); i++)
                    if (layer.equals(m.getLayer(i).conf().getLayer().getLayerName()))
                        found = i;
                if (found < 0 && layer.matches("\\d+") && Integer.parseInt(layer) < m.getnLayers())
                    found = Integer.parseInt(layer);
                if (found < 0)
                    throw new UnitExplorerException("no layer '" + layer + "'; the layers are " + names(m));
                mlnIndex = found;
                name = m.getLayer(found).conf().getLayer().getLayerName() == null ? Integer.toString(found)
                        : m.getLayer(found).conf().getLayer().getLayerName();
                graphPosition = -1;
            } else if (net instanceof ComputationGraph g) {
                if (g.getLayer(layer) == null)
                    throw new UnitExplorerException("no layer '" + layer + "'; the layers are "
                            + Arrays.stream(g.getLayers()).map(l -> l.conf().getLayer().getLayerName()).toList());
                // feedForward(input, i, train) runs up to layers[i] (an index among the layers, not a position in the
                // topological order, which also counts the inputs and merge/add vertices and overflows near the output)
                org.deeplearning4j.nn.api.Layer[] layers = g.getLayers();
                int p = 0;
                while (!layer.equals(layers[p].conf().getLayer().getLayerName()))
                    p++;
                graphPosition = p;
                name = layer;
                mlnIndex = -1;
            } else {
                throw new UnitExplorerException("unsupported network type " + net.getClass().getName());
            }
        }

        static List<String> names(MultiLayerNetwork m) {
            List<String> n = new ArrayList<>();
            for (int i = 0; i < m.getnLayers(); i++)
                n.add(m.getLayer(i).conf().getLayer().getLayerName());
            return n;
        }

        static boolean channelsLast(Model net) {
            org.deeplearning4j.nn.api.Layer[] layers = net instanceof MultiLayerNetwork m ? m.getLayers()
                    : net instanceof ComputationGraph g ? g.getLayers() : new org.deeplearning4j.nn.api.Layer[0];
            for (org.deeplearning4j.nn.api.Layer l : layers) {
                var conf = l.conf().getLayer();
                if (conf instanceof ConvolutionLayer c && c.getCnn2dDataFormat() != null)
                    return c.getCnn2dDataFormat() == CNN2DFormat.NHWC;
                if (conf instanceof SubsamplingLayer p && p.getCnn2dDataFormat() != null)
                    return p.getCnn2dDataFormat() == CNN2DFormat.NHWC;
            }
            return false;
        }

        /** The network's own layout of a channels-first batch. */
        INDArray in(INDArray batch) {
            return channelsLast && batch.rank() == 4 ? batch.permute(0, 2, 3, 1).dup('c') : batch;
        }

        /** An activation back to channels first. */
        INDArray out(INDArray a) {
            return channelsLast && a.rank() == 4 ? a.permute(0, 3, 1, 2) : a;
        }

        /** [N, C, ...spatial] or [N, units]. */
        INDArray activation(INDArray batch) {
            INDArray a;
            if (net instanceof MultiLayerNetwork m)
                a = m.feedForwardToLayer(mlnIndex, in(batch), false).get(mlnIndex + 1);
            else
                a = ((ComputationGraph) net).feedForward(new INDArray[] {in(batch)}, graphPosition, false).get(name);
            return positional(out(a), batch);
        }

        /** A 1D batch norm's [N*W, C] activation back to [N, C, W]. */
        static INDArray positional(INDArray a, INDArray batch) {
            long n = batch.size(0);
            if (a.rank() == 2 && a.size(0) != n && batch.rank() == 3 && a.size(0) == n * batch.size(2))
                return a.reshape('c', n, a.size(0) / n, a.size(1)).permute(0, 2, 1);
            if (a.rank() == 2 && a.size(0) != n && batch.rank() == 3 && a.size(0) % n == 0)
                return a.reshape('c', n, a.size(0) / n, a.size(1)).permute(0, 2, 1);
            return a;
        }

        ReceptiveFields receptiveFields(INDArray example) {
            INDArray x = example.reshape(prepend(example.shape())).castTo(DataType.FLOAT);
            int[] inputSpatial = Arrays.stream(Arrays.copyOfRange(example.shape(), 1, example.rank())).mapToInt(Math::toIntExact).toArray();
            Map<String, int[]> spatial = new HashMap<>();
            if (net instanceof MultiLayerNetwork m) {
                List<INDArray> acts = m.feedForward(in(x), false);
                for (int i = 0; i < m.getnLayers(); i++)
                    put(spatial, names(m).get(i) == null ? Integer.toString(i) : names(m).get(i), out(acts.get(i + 1)), x);
                return ReceptiveFields.of(m, spatial, inputSpatial);
            }
            ComputationGraph g = (ComputationGraph) net;
            for (Map.Entry<String, INDArray> e : g.feedForward(in(x), false).entrySet())
                put(spatial, e.getKey(), out(e.getValue()), x);
            return ReceptiveFields.of(g, spatial, inputSpatial);
        }

        private static void put(Map<String, int[]> spatial, String name, INDArray act, INDArray x) {
            if (act.rank() >= 3 && act.size(0) == x.size(0))
                spatial.put(name, Arrays.stream(Arrays.copyOfRange(act.shape(), 2, act.rank())).mapToInt(Math::toIntExact).toArray());
        }

        private static long[] prepend(long[] s) {
            long[] r = new long[s.length + 1];
            r[0] = 1;
            System.arraycopy(s, 0, r, 1, s.length);
            return r;
        }
    }
}
