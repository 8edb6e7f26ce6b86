package convbench.ct.api;

import convbench.dicom.api.DicomObject;
import convbench.dicom.api.NativePixelData;
import convbench.dicom.api.Tags;

import java.nio.file.Path;

/**
 * What a series loader needs from one image's header. Position and orientation are null when the file lacks
 * them (such a slice cannot be placed and is left out with a note). {@code pixels} is where uncompressed pixel data
 * lies in the file (null when compressed or unknown): the loader then reads it directly, without a second parse.
 */
public record SliceInfo(Path file, double[] position, double[] orientation, int rows, int columns, double[] pixelSpacing,
        double slope, double intercept, int bitsStored, boolean signed, String transferSyntax, int instanceNumber,
        double gantryTilt, int frames, int bitsAllocated, int samplesPerPixel, NativePixelData pixels) {

    public static SliceInfo of(DicomObject o) {
        double[] ipp = o.doubles(Tags.ImagePositionPatient);
        double[] iop = o.doubles(Tags.ImageOrientationPatient);
        double[] ps = o.doubles(Tags.PixelSpacing);
        return new SliceInfo(o.source(), ipp.length == 3 ? ipp : null, iop.length == 6 ? iop : null,
                o.integer(Tags.Rows, 0), o.integer(Tags.Columns, 0), ps.length == 2 ? ps : null,
                o.number(Tags.RescaleSlope, 1), o.number(Tags.RescaleIntercept, 0),
                o.integer(Tags.BitsStored, o.integer(Tags.BitsAllocated, 16)), o.integer(Tags.PixelRepresentation, 0) == 1,
                o.transferSyntaxUid(), o.integer(Tags.InstanceNumber, 0), o.number(Tags.GantryDetectorTilt, Double.NaN),
                o.frameCount(), o.integer(Tags.BitsAllocated, 16), o.integer(Tags.SamplesPerPixel, 1),
                o.nativePixelData().orElse(null));
    }

    /** The slice normal: row direction x column direction. */
    public double[] normal() {
        return Geometry.cross(new double[] { orientation[0], orientation[1], orientation[2] },
                new double[] { orientation[3], orientation[4], orientation[5] });
    }
}
