package convbench.ct.api;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Series found under a folder (or DICOMDIR), and the files left out with the reason. */
public record ScanResult(Path root, List<DicomSeries> series, List<Skipped> skipped) {
    public record Skipped(Path file, String reason) {
    }

    public ScanResult {
        series = List.copyOf(series);
        skipped = List.copyOf(skipped);
    }

    public Optional<DicomSeries> series(String uid) {
        return series.stream().filter(s -> s.seriesUid().equals(uid)).findFirst();
    }
}
