package convbench.ct.api;

import java.util.List;

/** Image files that share a SeriesInstanceUID, in scan order (the loader orders them by position). */
public record DicomSeries(String seriesUid, String description, String modality, int seriesNumber, List<SliceInfo> slices) {
    public DicomSeries {
        slices = List.copyOf(slices);
    }

    public long bytesOnDisk() {
        long n = 0;
        for (SliceInfo s : slices)
            n += s.file().toFile().length();
        return n;
    }
}
