package convbench.ct.ui.internal;

import java.nio.file.Path;
import java.util.List;

import convbench.compute.ui.ResultEditor;

import convbench.ct.api.LoadedSeries;
import convbench.ct.api.Volume;

/**
 * A loaded volume for the viewer. Identity equality: opening the same folder twice gives two viewers, since each
 * load may differ (another series, another choice of options).
 *
 * @param series the DICOM load with its geometry notes, or null for NIfTI / InVesalius volumes
 * @param notes  loader warnings and skipped files, shown in the info panel
 * @param unit   "HU" for CT, else "value"
 * @param range  {min, max} of the voxels (computed by the loading job, not on the UI thread)
 */
record CtVolumeInput(String name, Path source, Volume volume, LoadedSeries series, List<String> notes, String unit,
        double[] range) implements ResultEditor.Result { // not restored after a restart: the data lives in memory only
    CtVolumeInput {
        notes = List.copyOf(notes);
    }

    /** Reads the range: call it from the loading job. */
    static CtVolumeInput of(String name, Path source, Volume volume, LoadedSeries series, List<String> notes, boolean ct) {
        return new CtVolumeInput(name, source, volume, series, notes, ct ? "HU" : "value", volume.range());
    }

    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public String getToolTipText() {
        return name + " - " + source;
    }
}
