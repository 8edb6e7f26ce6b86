package convbench.face.train;

import convbench.face.Alignment;
import convbench.face.FaceAnalyzer;
import convbench.face.FaceException;
import convbench.face.RgbImage;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Small pictures of the chips an {@link EmbeddingSet} row stands for (its photo's largest face, aligned, under the
 * row's augmentation), for the view of chosen triplets. The set keeps no pixels, so a chip is made again from the
 * photo when first asked for; the aligned chips of the most recent photos are kept (at most {@link #PHOTOS}).
 */
public final class ChipThumbnails {
    static final int PHOTOS = 64;
    private final FaceAnalyzer analyzer;
    private final Path root;
    private final int size;
    private final Map<String, ChipAugmenter.Variant> variants = new HashMap<>();
    private final Map<String, RgbImage> chips = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, RgbImage> eldest) {
            return size() > PHOTOS;
        }
    };

    /** @param root the folder-per-identity set the rows' sources are relative to; @param size thumbnail side in pixels */
    public ChipThumbnails(FaceAnalyzer analyzer, Path root, int size) {
        this.analyzer = analyzer;
        this.root = root;
        this.size = size;
        for (ChipAugmenter.Variant v : ChipAugmenter.first(ChipAugmenter.MAX))
            variants.put(v.name(), v);
    }

    /** The thumbnail of row {@code row} of {@code set}; a photo without a face now gives a FaceException naming it. */
    public synchronized RgbImage of(EmbeddingSet set, int row) throws FaceException {
        String source = set.sources()[row];
        RgbImage chip = chips.get(source);
        if (chip == null) {
            chip = analyzer.single(RgbImage.read(root.resolve(source)), source, Alignment.DLIB_CHIP).face().chip();
            chips.put(source, chip);
        }
        ChipAugmenter.Variant v = variants.get(set.augmentations()[row]);
        if (v == null)
            throw new FaceException(source + ": unknown augmentation '" + set.augmentations()[row] + "'");
        return ChipAugmenter.apply(chip, v).resizeBilinear(size, size);
    }
}
