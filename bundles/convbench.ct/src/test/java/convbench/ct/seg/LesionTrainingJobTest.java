package convbench.ct.seg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import convbench.compute.JobContext;
import convbench.core.train.TrainingCallbacks;
import convbench.ct.api.Volume;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The training job's contract with the compute service: live metrics, cancel between batches, nothing written then. */
class LesionTrainingJobTest {
    @TempDir
    Path tmp;

    /** Counts metrics; cancels once {@code cancelAfter} losses have been published (never when negative). */
    static final class Context implements JobContext {
        final List<String> metrics = new ArrayList<>();
        final int cancelAfter;
        int losses;

        Context(int cancelAfter) {
            this.cancelAfter = cancelAfter;
        }

        @Override
        public void progress(double fraction, String message) {
        }

        @Override
        public boolean isCancelled() {
            return cancelAfter >= 0 && losses >= cancelAfter;
        }

        @Override
        public void metric(String name, long step, double value) {
            metrics.add(name + "@" + step);
            if (name.equals("loss"))
                losses++;
        }
    }

    private LesionTrainingJob job(Path out) {
        // two epochs, the second after mining false positives
        LesionSegmenter.Settings s = new LesionSegmenter.Settings(2.0, 16, 8, 0.5, 0.25, 2, 1, 4, 2e-3, 5, 2, 1);
        return new LesionTrainingJob(List.of(Path.of("synthetic")), p -> LesionInserterTest.tissue(10, 3), s,
                new LesionInserter.Settings(3, 5, 80, 80, 0.5, 0.5, 2), 1, 2, out, TrainingCallbacks.NONE);
    }

    @Test
    void publishesLiveMetricsAndWritesTheModel() throws Exception {
        Path out = tmp.resolve("m.zip");
        Context c = new Context(-1);
        LesionTrainingJob.Result r = job(out).run(c);
        assertTrue(Files.isRegularFile(out));
        assertEquals(out, r.model());
        // 8 patches in batches of 4: losses at iterations 1 and 2, then (after mining) 3 and 4; epoch metrics at the
        // epoch's last iteration
        assertEquals(List.of("loss@1", "loss@2", "loss@3", "loss@4"), c.metrics.stream().filter(m -> m.startsWith("loss")).toList());
        assertTrue(c.metrics.contains("val_dice@2") && c.metrics.contains("train_loss@2") && c.metrics.contains("val_dice@4"),
                c.metrics.toString());
        assertEquals(2, r.training().history().size());
        assertEquals(1, r.cases().size());
        assertEquals(1, r.minedFalsePositives().size());
        // the operating point was chosen on the two calibration draws and travels in the model file
        LesionSegmenter.Info info = LesionSegmenter.load(out).info();
        assertEquals(r.info().operatingPoint(), info.operatingPoint());
        assertEquals(2.0, ((Number) info.calibration().get("cases")).doubleValue());
        assertTrue(java.util.Arrays.stream(Calibration.THRESHOLDS).anyMatch(t -> t == info.operatingPoint().detect()));
        assertEquals(TissueMask.halfWidth(new LesionInserter.Settings(3, 5, 80, 80, 0.5, 0.5, 2), 2.0), info.maskHalfWidth());
        assertEquals(LesionSegmenter.CLASS_NAMES, List.of("background", "lesion"));
    }

    @Test
    void cancelStopsBetweenBatchesAndWritesNothing() {
        Path out = tmp.resolve("cancelled.zip");
        Context c = new Context(1);
        assertThrows(CancellationException.class, () -> job(out).run(c));
        assertEquals(1, c.losses, "stopped after the first batch");
        assertFalse(Files.exists(out));
    }
}
