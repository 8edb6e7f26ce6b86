package convbench.ct.ui.internal;

import java.nio.file.Path;
import java.util.Locale;

import convbench.ct.api.Planes;
import convbench.ct.api.Volume;

/**
 * A label or probability volume on the grid of the viewed volume.
 *
 * @param probability values in 0..1 that are not all integral (drawn as a heat map; labels get one colour each)
 * @param note        how it was matched to the volume, for the info panel
 */
record Overlay(Path file, Volume volume, boolean probability, String note) {
    /** Not on the UI thread: alignment walks every voxel. */
    static Overlay of(Path file, Volume overlay, Volume base) {
        double[] r = overlay.range();
        boolean probability = !overlay.isShort() && overlay.kind() != Volume.Kind.LABEL && r[0] >= 0 && r[1] <= 1;
        String note;
        Volume aligned;
        if (Planes.sameGrid(overlay, base)) {
            aligned = overlay;
            note = "same grid as the volume";
        } else if (java.util.Arrays.equals(overlay.dims(), base.dims())) {
            // same size, other geometry (e.g. written without a position): voxel-for-voxel is what the author meant
            aligned = overlay;
            note = "same size but another position/orientation: matched voxel for voxel";
        } else {
            aligned = Planes.alignTo(overlay, base);
            note = String.format(Locale.ROOT, "%d x %d x %d resampled onto the volume's grid (nearest neighbour, by patient position)",
                    overlay.nx(), overlay.ny(), overlay.nz());
        }
        return new Overlay(file, aligned, probability, note + (probability ? "; probabilities 0..1" : String.format(Locale.ROOT,
                "; labels %.0f..%.0f", r[0], r[1])));
    }
}
