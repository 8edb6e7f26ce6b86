package convbench.ct.seg;

import convbench.ct.api.Volume;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A real CT volume on the task grid with synthetic lesions inserted: the image, its label volume (1 = lesion) and the
 * lesions (the detection ground truth).
 *
 * @param source the volume's name (file or series), for reports
 */
public record LesionCase(String source, Volume image, Volume labels, List<Lesion> lesions) {
    /**
     * Resamples {@code real} to {@code spacing} mm, then places and inserts lesions (seeded: the same seed gives the
     * same case).
     */
    public static LesionCase of(String source, Volume real, double spacing, LesionInserter.Settings s, long seed) {
        Volume image = Resample.isotropic(real, spacing);
        if (image == real)
            image = copy(real);
        Volume labels = Volume.ofShorts(image.nx(), image.ny(), image.nz(), image.spacing(), image.origin(), image.axes())
                .kind(Volume.Kind.LABEL).description("lesions");
        Random rnd = new Random(seed);
        List<Lesion> placed = LesionInserter.place(image, s, rnd);
        if (placed.isEmpty())
            throw new IllegalArgumentException(source + ": no room for a lesion of " + s.radiusMinMm()
                    + " mm in soft tissue (" + LesionInserter.TISSUE_MIN_HU + ".." + LesionInserter.TISSUE_MAX_HU + " HU)");
        List<Lesion> inserted = new ArrayList<>();
        for (Lesion l : placed)
            inserted.add(LesionInserter.insert(image, labels, l, rnd));
        return new LesionCase(source, image, labels, List.copyOf(inserted));
    }

    private static Volume copy(Volume v) {
        Volume c = Volume.ofShorts(v.nx(), v.ny(), v.nz(), v.spacing(), v.origin(), v.axes());
        for (int k = 0; k < v.nz(); k++) {
            float[] s = v.sliceValues(k);
            short[] o = c.shortSlice(k);
            for (int i = 0; i < s.length; i++)
                o[i] = c.toStored(s[i]);
        }
        return c.description(v.description());
    }

    /** Voxels labelled lesion. */
    public long foregroundVoxels() {
        long n = 0;
        for (int k = 0; k < labels.nz(); k++)
            for (short v : labels.shortSlice(k))
                if (v != 0)
                    n++;
        return n;
    }
}
