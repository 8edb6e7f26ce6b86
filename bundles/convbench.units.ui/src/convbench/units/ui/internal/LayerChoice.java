package convbench.units.ui.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.Subsampling3DLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import convbench.core.units.SameDiffProbe;

/**
 * A layer the explorer offers: convolution, pooling and dense layers, by name, with their unit (channel) count
 * read from the configuration (0 where the configuration does not say).
 */
record LayerChoice(String name, String kind, int units, boolean convolution) {
    String label() {
        return name + " (" + kind + (units > 0 ? ", " + units + " units" : "") + ")";
    }

    static List<LayerChoice> of(Model net) {
        List<LayerChoice> out = new ArrayList<>();
        if (net instanceof MultiLayerNetwork m) {
            int channels = 0;
            for (int i = 0; i < m.getnLayers(); i++) {
                Layer l = m.getLayer(i).conf().getLayer();
                channels = channelsAfter(l, channels);
                add(out, l.getLayerName() == null ? Integer.toString(i) : l.getLayerName(), l, channels);
            }
        } else if (net instanceof ComputationGraph g) {
            ComputationGraphConfiguration conf = g.getConfiguration();
            Map<String, Integer> channels = new HashMap<>();
            for (int idx : g.topologicalSortOrder()) {
                String name = g.getVertices()[idx].getVertexName();
                GraphVertex v = conf.getVertices().get(name);
                List<String> inputs = conf.getVertexInputs().get(name);
                if (v == null || inputs == null)
                    continue; // a network input
                int in = v instanceof MergeVertex
                        ? inputs.stream().mapToInt(i -> channels.getOrDefault(i, 0)).sum()
                        : channels.getOrDefault(inputs.get(0), 0);
                if (v instanceof LayerVertex lv) {
                    Layer l = lv.getLayerConf().getLayer();
                    int c = channelsAfter(l, in);
                    channels.put(name, c);
                    add(out, name, l, c);
                } else {
                    channels.put(name, in);
                }
            }
        }
        return out;
    }

    /** A SameDiff graph's convolution and pooling outputs. */
    static List<LayerChoice> of(SameDiffProbe probe) {
        return probe.layers().stream().map(l -> new LayerChoice(l.name(), l.op(), l.units(), l.op().contains("conv"))).toList();
    }

    private static int channelsAfter(Layer l, int before) {
        return l instanceof FeedForwardLayer f && f.getNOut() > 0 ? (int) f.getNOut() : before;
    }

    private static void add(List<LayerChoice> out, String name, Layer l, int units) {
        boolean conv = l instanceof ConvolutionLayer;
        if (conv || l instanceof SubsamplingLayer || l instanceof Subsampling3DLayer || l instanceof GlobalPoolingLayer
                || l instanceof FeedForwardLayer)
            out.add(new LayerChoice(name, l.getClass().getSimpleName().replace("Layer", ""), units, conv));
    }
}
