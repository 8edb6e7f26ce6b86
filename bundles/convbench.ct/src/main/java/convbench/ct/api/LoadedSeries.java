package convbench.ct.api;

import java.nio.file.Path;
import java.util.List;

/**
 * A series turned into a volume, with what the loader had to do to it.
 *
 * @param acquiredSpacing   in-plane spacing and the median distance between slices along the slice normal (mm), as
 *                          acquired (before any resampling)
 * @param variableSpacing   the distances between slices differ (missing slices included)
 * @param tiltDegrees       gantry tilt measured from the slice positions (0 when none), signed like GantryDetectorTilt
 * @param deTilted          the sheared slices were resampled onto an orthogonal grid
 * @param resampled         slices were interpolated onto a uniform grid
 * @param failedFiles       images that could not be decoded (the volume was built without them)
 */
public record LoadedSeries(DicomSeries series, Volume volume, int slicesUsed, double[] acquiredSpacing,
        boolean variableSpacing, double tiltDegrees, boolean deTilted, boolean resampled, List<String> warnings,
        List<Path> failedFiles) {
    public LoadedSeries {
        warnings = List.copyOf(warnings);
        failedFiles = List.copyOf(failedFiles);
    }

    public boolean tilted() {
        return Math.abs(tiltDegrees) > SeriesLoader.TILT_TOLERANCE_DEGREES;
    }
}
