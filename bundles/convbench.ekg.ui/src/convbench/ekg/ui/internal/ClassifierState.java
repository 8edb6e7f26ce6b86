package convbench.ekg.ui.internal;

import java.nio.file.Files;
import java.nio.file.Path;

import convbench.ekg.classify.BeatClassifier;

/**
 * The workbench's current beat classifier (the last one trained or opened) and the MIT-BIH folder last used. Set on
 * the UI thread once a job finished; read by the handlers, which pass the model on to their jobs.
 */
final class ClassifierState {
    /** A model with the file it came from. */
    record Current(Path file, BeatClassifier.Loaded model) {
        String describe() {
            BeatClassifier.Info i = model.info();
            return String.format("%s (%s-patient, %d training beats)", file.getFileName(), i.protocol(), i.trainBeats());
        }
    }

    private static volatile Current current;
    private static volatile Path database;

    private ClassifierState() {
    }

    static Current current() {
        return current;
    }

    static void setCurrent(Path file, BeatClassifier.Loaded model) {
        current = new Current(file, model);
        EkgUi.LOG.info("Current EKG beat classifier: " + current.describe() + " from " + file);
    }

    /**
     * The database folder to offer: the one used last, else MIT-BIH in the shared data beside the repository
     * ({@code ../shared/data/ecg/mitdb}) when it is there, else the bundled sample records.
     */
    static Path database() {
        if (database != null)
            return database;
        String repo = System.getProperty("convbench.repo");
        if (repo != null) {
            Path mitdb = Path.of(repo).toAbsolutePath().normalize().resolveSibling("shared/data/ecg/mitdb");
            if (Files.isDirectory(mitdb))
                return mitdb;
        }
        String samples = System.getProperty("convbench.sampleData");
        return samples == null ? Path.of(System.getProperty("user.home")) : Path.of(samples, "ekg");
    }

    static void setDatabase(Path db) {
        database = db;
    }

    /** Where trained models go by default: {@code $CONVBENCH_HOME/ekg} or {@code ~/.convbench/ekg}. */
    static Path modelFolder() {
        String home = System.getenv("CONVBENCH_HOME");
        return (home != null && !home.isBlank() ? Path.of(home) : Path.of(System.getProperty("user.home"), ".convbench"))
                .resolve("ekg");
    }
}
