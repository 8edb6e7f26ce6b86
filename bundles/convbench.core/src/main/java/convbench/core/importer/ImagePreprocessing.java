package convbench.core.importer;

import java.util.Locale;

/**
 * The pixel preprocessing an ImageNet model was trained with (Keras' {@code imagenet_utils.preprocess_input}
 * modes), applied to RGB values 0..255.
 */
public enum ImagePreprocessing {
    /** Keras ResNet50, VGG16/19: RGB to BGR, then the ImageNet BGR means subtracted; no scaling. */
    CAFFE,
    /** Keras MobileNet, Inception, Xception: scaled to -1..1. */
    TF,
    /** Keras DenseNet: scaled to 0..1, then ImageNet RGB means subtracted and divided by the standard deviations. */
    TORCH,
    /** Raw RGB 0..255. */
    RAW;

    private static final float[] CAFFE_BGR_MEAN = {103.939f, 116.779f, 123.68f};
    private static final float[] TORCH_RGB_MEAN = {0.485f, 0.456f, 0.406f};
    private static final float[] TORCH_RGB_STD = {0.229f, 0.224f, 0.225f};

    /** Applies this mode in place to interleaved RGB values (h, w, 3), leaving channel order as the model wants. */
    public void apply(float[] rgb) {
        for (int i = 0; i < rgb.length; i += 3) {
            float r = rgb[i], g = rgb[i + 1], b = rgb[i + 2];
            switch (this) {
                case CAFFE -> {
                    rgb[i] = b - CAFFE_BGR_MEAN[0];
                    rgb[i + 1] = g - CAFFE_BGR_MEAN[1];
                    rgb[i + 2] = r - CAFFE_BGR_MEAN[2];
                }
                case TF -> {
                    rgb[i] = r / 127.5f - 1f;
                    rgb[i + 1] = g / 127.5f - 1f;
                    rgb[i + 2] = b / 127.5f - 1f;
                }
                case TORCH -> {
                    rgb[i] = (r / 255f - TORCH_RGB_MEAN[0]) / TORCH_RGB_STD[0];
                    rgb[i + 1] = (g / 255f - TORCH_RGB_MEAN[1]) / TORCH_RGB_STD[1];
                    rgb[i + 2] = (b / 255f - TORCH_RGB_MEAN[2]) / TORCH_RGB_STD[2];
                }
                case RAW -> { }
            }
        }
    }

    /** The lower-case name used on the command line. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ImagePreprocessing fromId(String id) {
        for (ImagePreprocessing p : values())
            if (p.id().equals(id.toLowerCase(Locale.ROOT)))
                return p;
        throw new IllegalArgumentException("unknown preprocessing '" + id + "' (caffe, tf, torch or raw)");
    }
}
