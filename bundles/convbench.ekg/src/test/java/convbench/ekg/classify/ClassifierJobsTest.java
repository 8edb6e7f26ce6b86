package convbench.ekg.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import convbench.compute.JobContext;
import convbench.compute.Metric;
import convbench.core.train.TrainingCallbacks;
import convbench.dl4j.Nd4jContext;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The training job behind EKG > Train Classifier...: its metrics on one iteration axis (what the live chart draws),
 * progress from 0 to 1, the model file read back as the current model, and a cancel that writes nothing.
 */
class ClassifierJobsTest {
    /** A JobContext that records what the job reports; cancelled once {@code cancelAfter} loss values came in. */
    private static final class Recorder implements JobContext {
        final List<Metric> metrics = new ArrayList<>();
        final List<Double> progress = new ArrayList<>();
        final int cancelAfter;

        Recorder(int cancelAfter) {
            this.cancelAfter = cancelAfter;
        }

        @Override
        public void progress(double fraction, String message) {
            progress.add(fraction);
        }

        @Override
        public boolean isCancelled() {
            return metrics.stream().filter(m -> m.name().equals("loss")).count() >= cancelAfter;
        }

        @Override
        public void metric(String name, long step, double value) {
            metrics.add(new Metric(name, step, value));
        }
    }

    private static ClassifierJobs.TrainRequest request(Path out, int epochs) {
        return new ClassifierJobs.TrainRequest(BeatDatasetTest.mitdb(), Protocol.INTRA, List.of("119"),
                BeatClassifier.Settings.defaults().withEpochs(epochs).withMaxTrainBeats(600), out);
    }

    @Test
    void epochMetricsShareTheIterationAxisAndTheModelIsReadBack(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("m.zip");
        Recorder r = new Recorder(Integer.MAX_VALUE);
        ClassifierJobs.Trained t = Nd4jContext.call(() -> new ClassifierJobs.Train(request(out, 2), TrainingCallbacks.NONE, true).run(r));
        assertTrue(Files.isRegularFile(out));
        assertEquals(out, t.model());
        assertEquals("intra", t.saved().info().protocol());
        assertEquals(2, t.epochs().size());
        List<Long> lossSteps = r.metrics.stream().filter(m -> m.name().equals("loss")).map(Metric::step).toList();
        int perEpoch = (600 + 127) / 128;
        assertEquals(2 * perEpoch, lossSteps.size());
        assertEquals(lossSteps.size(), r.metrics.stream().filter(m -> m.name().equals("accuracy")).count(),
                "batch accuracy asked for");
        // per-epoch figures at the iteration that ended their epoch, not at step 1 and 2
        List<Long> valSteps = r.metrics.stream().filter(m -> m.name().equals("val_loss")).map(Metric::step).toList();
        assertEquals(List.of((long) perEpoch, (long) 2 * perEpoch), valSteps);
        assertFalse(r.metrics.stream().anyMatch(m -> m.name().equals("learning_rate")));
        for (int i = 1; i < r.progress.size(); i++)
            assertTrue(r.progress.get(i) >= r.progress.get(i - 1) - 1e-9, "progress went back: " + r.progress);
        assertEquals(1.0, r.progress.get(r.progress.size() - 1), 1e-9);
    }

    @Test
    void theModelFileCarriesItsFeatureSetAndOneOfOtherFeaturesIsRefused(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("m.zip");
        ClassifierJobs.Trained t = Nd4jContext.call(() -> new ClassifierJobs.Train(request(out, 1), TrainingCallbacks.NONE, false)
                .run(new Recorder(Integer.MAX_VALUE)));
        assertEquals(BeatDataset.FEATURES, t.saved().info().featureSet());
        assertEquals(List.of(), t.saved().info().validationRecords(), "intra has no validation records");
        // the same file as written before the feature sets had names: its info entry without "featureSet"
        Path old = dir.resolve("old.zip");
        Files.copy(out, old);
        try (FileSystem zip = FileSystems.newFileSystem(old)) {
            Path entry = zip.getPath("convbench/" + BeatClassifier.INFO_ENTRY); // where ModelFile keeps extra entries
            String json = Files.readString(entry);
            assertTrue(json.contains("\"featureSet\""), json);
            Files.writeString(entry, json.replaceAll("\"featureSet\":\\s*\"[^\"]*\",", ""));
        }
        IOException e = assertThrows(IOException.class, () -> Nd4jContext.call(() -> BeatClassifier.load(old)));
        assertTrue(e.getMessage().contains("old.zip") && e.getMessage().contains("other beat features")
                && e.getMessage().contains("ekg train"), e.getMessage());
    }

    @Test
    void cancelStopsTrainingAndWritesNoModel(@TempDir Path dir) {
        Path out = dir.resolve("cancelled.zip");
        Recorder r = new Recorder(3);
        assertThrows(CancellationException.class,
                () -> Nd4jContext.call(() -> new ClassifierJobs.Train(request(out, 5), TrainingCallbacks.NONE, false).run(r)));
        assertFalse(Files.exists(out), "a cancelled run wrote " + out);
        assertTrue(r.metrics.stream().filter(m -> m.name().equals("loss")).count() < 6, "not stopped at the next batch");
    }
}
