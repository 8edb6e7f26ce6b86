package convbench.core.train;

import static convbench.core.spec.LayerSpec.*;
import static org.junit.jupiter.api.Assertions.*;

import convbench.compute.JobContext;
import convbench.core.data.ArraySource;
import convbench.core.data.Example;
import convbench.core.data.ExampleSource;
import convbench.core.model.LoadedModel;
import convbench.core.model.ModelFile;
import convbench.core.spec.ModelSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class TrainerTest {
    /** Class 0: an upward bump, class 1: a downward bump, at random places, with noise. */
    static ExampleSource bumps(int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<Example> ex = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int cls = i % 2;
            INDArray x = Nd4j.zeros(DataType.FLOAT, 1, 16);
            int at = 2 + rnd.nextInt(12);
            for (int t = 0; t < 16; t++)
                x.putScalar(0, t, (float) (0.1 * (rnd.nextDouble() - 0.5)));
            for (int d = -1; d <= 1; d++)
                x.putScalar(0, at + d, (cls == 0 ? 1f : -1f) * (d == 0 ? 1f : 0.5f));
            INDArray y = Nd4j.zeros(DataType.FLOAT, 2);
            y.putScalar(cls, 1f);
            ex.add(new Example(x, y));
        }
        return new ArraySource(ex);
    }

    static ModelSpec spec() {
        return ModelSpec.of("bumps", new int[] {1, 16}, conv(4, 3).activation("relu"), batchNorm(), maxPool(2),
                flatten(), dense(8).activation("relu"), dropout(0.2), output(2)).seed(7);
    }

    static TrainingConfig config(int epochs) {
        return new TrainingConfig().epochs(epochs).batchSize(8).learningRate(0.01).stepSchedule(2, 0.5).seed(11);
    }

    @Test
    void learnsAnEasyTaskAndReportsLiveMetrics() throws Exception {
        List<IterationMetrics> its = new ArrayList<>();
        List<EpochMetrics> epochs = new ArrayList<>();
        TrainingConfig c = new TrainingConfig().epochs(10).batchSize(8).learningRate(0.02).stepSchedule(5, 0.5).seed(11);
        TrainingResult r = new Trainer(spec(), c).train(bumps(96, 1), null, null, new TrainingCallbacks() {
            @Override
            public void onIteration(IterationMetrics m) {
                its.add(m);
            }

            @Override
            public void onEpoch(EpochMetrics m) {
                epochs.add(m);
            }
        });
        // 96 examples, 20 % validation (19): 77 for training -> 10 batches of 8 per epoch
        assertEquals(10 * 10, its.size());
        assertEquals(10, epochs.size());
        assertEquals(0.02, epochs.get(4).learningRate(), 1e-12);
        assertEquals(0.01, epochs.get(5).learningRate(), 1e-12, "step schedule: halved every 5 epochs");
        assertTrue(its.stream().allMatch(m -> !Double.isNaN(m.loss()) && m.accuracy() >= 0 && m.accuracy() <= 1));
        assertTrue(r.last().valAccuracy() >= 0.9, "validation accuracy " + r.last().valAccuracy());
        assertTrue(r.last().trainLoss() < epochs.get(0).trainLoss());
        assertEquals("completed", r.stopReason());
    }

    @Test
    void resumedRunEndsExactlyWhereAnUninterruptedRunEnds(@TempDir Path dir) throws Exception {
        ExampleSource data = bumps(48, 2);
        TrainingResult full = new Trainer(spec(), config(4)).train(data, null, dir.resolve("full"), TrainingCallbacks.NONE);

        Path part = dir.resolve("part");
        new Trainer(spec(), config(2)).train(data, null, part, TrainingCallbacks.NONE);
        TrainingResult resumed = new Trainer(spec(), config(4))
                .resume(part.resolve(Trainer.CHECKPOINT), data, null, part, TrainingCallbacks.NONE);

        assertEquals(4, resumed.history().size());
        assertEquals(full.network().params(), resumed.network().params(), "same weights after 4 epochs");
        for (int e = 0; e < 4; e++)
            assertEquals(full.history().get(e).valLoss(), resumed.history().get(e).valLoss(), 1e-9, "epoch " + (e + 1));
        assertTrue(Files.isRegularFile(part.resolve(Trainer.CHECKPOINT)));
    }

    @Test
    void cancelStopsBetweenBatchesAndKeepsTheLastCheckpoint(@TempDir Path dir) throws Exception {
        AtomicInteger batches = new AtomicInteger();
        TrainingCallbacks cb = new TrainingCallbacks() {
            @Override
            public boolean isCancelled() {
                return batches.get() >= 9; // in the second epoch (5 batches per epoch)
            }

            @Override
            public void onIteration(IterationMetrics m) {
                batches.incrementAndGet();
            }
        };
        assertThrows(CancellationException.class, () -> new Trainer(spec(), config(5)).train(bumps(48, 3), null, dir, cb));
        assertEquals(9, batches.get());
        LoadedModel cp = ModelFile.load(dir.resolve(Trainer.CHECKPOINT));
        assertEquals(1, ((Number) cp.metadata().metrics().get("epoch")).intValue(), "checkpoint of the finished epoch");
    }

    @Test
    void earlyStoppingRestoresTheBestEpoch(@TempDir Path dir) throws Exception {
        // an improvement threshold no epoch can meet: the first epoch stays best, patience 2 stops after epoch 3
        TrainingConfig c = config(10).earlyStopping("val_loss", 2, 1e9);
        TrainingResult r = new Trainer(spec(), c).train(bumps(48, 4), null, dir, TrainingCallbacks.NONE);
        assertEquals("early-stopped", r.stopReason());
        assertEquals(3, r.history().size());
        assertEquals(1, r.bestEpoch());
        LoadedModel best = ModelFile.load(dir.resolve(Trainer.BEST));
        assertEquals(best.network().params(), r.network().params(), "the best epoch's weights are restored");
    }

    @Test
    void trains3dSegmentationWithStackedRank5BatchesAndBalancedClassWeightedLoss() throws Exception {
        ModelSpec seg = ModelSpec.of("seg3d", new int[] {1, 4, 4, 4}, conv(2, 3).padding("same").activation("relu"), output(2));
        List<Example> ex = new ArrayList<>();
        SplittableRandom rnd = new SplittableRandom(5);
        for (int i = 0; i < 6; i++) {
            INDArray x = Nd4j.rand(DataType.FLOAT, 1, 4, 4, 4);
            INDArray y = Nd4j.zeros(DataType.FLOAT, 2, 4, 4, 4);
            y.get(org.nd4j.linalg.indexing.NDArrayIndex.point(1)).assign(x.reshape(4, 4, 4).gt(0.5).castTo(DataType.FLOAT));
            y.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0)).assign(x.reshape(4, 4, 4).lte(0.5).castTo(DataType.FLOAT));
            ex.add(new Example(x, y));
            rnd.nextInt();
        }
        TrainingResult r = new Trainer(seg, new TrainingConfig().epochs(2).batchSize(4).validationFraction(0.34).seed(3))
                .train(new ArraySource(ex), null, null, TrainingCallbacks.NONE);
        assertFalse(Double.isNaN(r.last().valDice()), "validation Dice for per-voxel output");
        assertTrue(Double.isNaN(r.last().valMacroF1()));

        TrainingResult w = new Trainer(spec(), config(1).classWeights("inverse").sampling("balanced"))
                .train(bumps(30, 6), null, null, TrainingCallbacks.NONE);
        assertNotNull(w.spec().layers().get(w.spec().layers().size() - 1).classWeights());
    }

    @Test
    void runsAsAComputeJobPublishingMetrics() throws Exception {
        List<String> metrics = new ArrayList<>();
        double[] progress = {0};
        JobContext ctx = new JobContext() {
            @Override
            public void progress(double fraction, String message) {
                progress[0] = fraction;
            }

            @Override
            public boolean isCancelled() {
                return false;
            }

            @Override
            public void metric(String name, long step, double value) {
                metrics.add(name + "@" + step);
            }
        };
        TrainingJob job = new TrainingJob(new Trainer(spec(), config(1)), bumps(24, 7), null, null, null, TrainingCallbacks.NONE);
        assertTrue(job.memoryBytes() > 64L << 20);
        TrainingResult r = job.run(ctx);
        assertEquals(1, r.history().size());
        assertTrue(metrics.contains("loss@1") && metrics.contains("accuracy@1") && metrics.contains("val_loss@1")
                && metrics.contains("learning_rate@1"), metrics.toString());
        assertEquals(1.0, progress[0]);
    }

    @Test
    void badSettingsAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Trainer(spec(), new TrainingConfig().optimizer("lbfgs")));
        assertTrue(e.getMessage().contains("lbfgs"));
        e = assertThrows(IllegalArgumentException.class,
                () -> new Trainer(spec(), new TrainingConfig().validationFraction(0).earlyStopping("val_loss", 2, 0))
                        .train(bumps(8, 1), null, null, TrainingCallbacks.NONE));
        assertTrue(e.getMessage().contains("needs validation data"), e.getMessage());
        assertEquals(new TrainingConfig().epochs(3).toJson(), TrainingConfig.fromJson(new TrainingConfig().epochs(3).toJson()).toJson());
    }
}
