package convbench.ekg.internal;

import convbench.cli.api.CliArgs;
import convbench.cli.api.CliCommand;
import convbench.cli.api.CliException;
import convbench.cli.api.CliProgress;
import convbench.cli.api.CliResult;
import convbench.ekg.EcgReaders;
import convbench.ekg.EcgRecord;
import convbench.ekg.QrsDetector;
import convbench.core.data.BatchIterator;
import convbench.core.data.ExampleSource;
import convbench.core.model.Networks;
import convbench.core.spec.ModelSpec;
import convbench.core.spec.NetworkBuilder;
import convbench.dl4j.Nd4jContext;
import convbench.ekg.classify.BeatClassifier;
import convbench.ekg.classify.BeatDataset;
import java.util.List;
import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.factory.Nd4j;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.osgi.service.component.annotations.Component;

/**
 * {@code ekg bench}: time to read a 30-minute two-lead MIT-BIH record, QRS detection speed as a multiple of real
 * time, and the beat classifier's training and inference throughput in beats/s on that record's beats (medians over
 * repeated runs after warm-up, since the first runs include JIT compilation and ND4J's start).
 */
@Component(service = CliCommand.class)
public final class EkgBenchCommand implements CliCommand {
    @Override
    public String area() {
        return "ekg";
    }

    @Override
    public String action() {
        return "bench";
    }

    @Override
    public String summary() {
        return "Benchmark: read a 30-min two-lead record (ms), QRS detection (x real time), classifier training and inference (beats/s)";
    }

    @Override
    public String usage() {
        return "ekg bench [--record <path/to/100.hea> (default: sample-data/ekg/100.hea)] [--repeat 7] [--batch 128] [--no-classifier] [--json]\n"
                + "  training: one pass over the record's annotated beats per run (batch --batch, Adam), inference: batches of 512";
    }

    @Override
    public CliResult run(CliArgs args, CliProgress progress) throws Exception {
        Path hea = args.has("record") ? args.existingPath("record") : defaultRecord();
        int repeat = Math.max(1, args.integer("repeat", 7));
        QrsDetector det = new QrsDetector();
        EcgRecord rec = null;
        int beats = 0;
        for (int w = 0; w < 3; w++) { // warm-up
            rec = EcgReaders.readWfdb(hea, "atr");
            beats = det.detect(rec).length;
        }
        double[] readMs = new double[repeat], detMs = new double[repeat];
        for (int i = 0; i < repeat; i++) {
            progress.report((double) i / repeat, "run " + (i + 1));
            long t0 = System.nanoTime();
            rec = EcgReaders.readWfdb(hea, "atr");
            long t1 = System.nanoTime();
            beats = det.detect(rec).length;
            long t2 = System.nanoTime();
            readMs[i] = (t1 - t0) / 1e6;
            detMs[i] = (t2 - t1) / 1e6;
        }
        double read = median(readMs), detect = median(detMs);
        Throughput classifier = args.flag("no-classifier") ? null : classifier(rec, repeat, args.integer("batch", 128), progress);
        double xRealTime = rec.durationSeconds() * 1000 / detect;
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("record", hea.toString());
        json.put("signals", rec.signalCount());
        json.put("durationSeconds", rec.durationSeconds());
        json.put("readMs", read);
        json.put("detectMs", detect);
        json.put("detectXRealTime", xRealTime);
        json.put("beatsDetected", beats);
        json.put("repeat", repeat);
        json.put("readGoalMs", 50);
        json.put("detectGoalXRealTime", 1000);
        String text = String.format("record %s (%d leads, %.0f s)%nread (incl. annotations): %.1f ms (goal < 50)%n"
                + "QRS detection: %.1f ms = %.0fx real time (goal >= 1000x), %d beats%n", hea, rec.signalCount(),
                rec.durationSeconds(), read, detect, xRealTime, beats);
        if (classifier != null) {
            json.put("classifierBeats", classifier.beats());
            json.put("trainBeatsPerSecond", classifier.train());
            json.put("inferenceBeatsPerSecond", classifier.inference());
            json.put("trainBatch", classifier.batch());
            json.put("nd4jBackend", classifier.backend());
            text += String.format("beat classifier (%d beats, %s): training %.0f beats/s (batch %d), inference %.0f beats/s%n",
                    classifier.beats(), classifier.backend(), classifier.train(), classifier.batch(), classifier.inference());
        }
        return CliResult.of(json, text);
    }

    record Throughput(int beats, double train, double inference, int batch, String backend) {
    }

    /**
     * Trains a fresh {@link BeatClassifier} net on the record's annotated beats (one pass per run) and runs it over
     * them; beats/s from the median pass. The features are built in the timed loop, as in real training.
     */
    static Throughput classifier(EcgRecord rec, int repeat, int batch, CliProgress progress) throws Exception {
        BeatDataset d = BeatDataset.of(List.of(BeatClassifier.WINDOWS.extract(rec)));
        if (d.size() == 0)
            throw new CliException(rec.source() + ": no annotated beats to time the classifier on");
        return Nd4jContext.call(() -> {
            BeatClassifier.Settings s = BeatClassifier.Settings.defaults();
            ModelSpec spec = BeatClassifier.spec(d.featureShape(), s.seed())
                    .withClassWeights(BeatClassifier.classWeights(d.classCounts()));
            Model net = NetworkBuilder.build(spec);
            ExampleSource src = d.source();
            double[] train = new double[repeat], infer = new double[repeat];
            for (int i = -1; i < repeat; i++) { // run -1: warm-up
                progress.report(-1, "classifier run " + (i + 2) + " of " + (repeat + 1));
                long t0 = System.nanoTime();
                for (BatchIterator it = BatchIterator.sequential(src, batch); it.hasNext();)
                    Networks.fit(net, it.next());
                long t1 = System.nanoTime();
                for (BatchIterator it = BatchIterator.sequential(src, 512); it.hasNext();)
                    Networks.output(net, it.next().getFeatures());
                long t2 = System.nanoTime();
                if (i >= 0) {
                    train[i] = d.size() / ((t1 - t0) / 1e9);
                    infer[i] = d.size() / ((t2 - t1) / 1e9);
                }
            }
            return new Throughput(d.size(), median(train), median(infer), batch,
                    Nd4j.getExecutioner().getClass().getSimpleName() + " " + Nd4j.getBackend().getClass().getSimpleName());
        });
    }

    private static Path defaultRecord() throws CliException {
        String repo = System.getProperty("convbench.repo", ".");
        Path p = Path.of(repo, "sample-data", "ekg", "100.hea");
        if (!Files.isRegularFile(p))
            throw new CliException(p + ": default benchmark record not found; give --record <path/to/record.hea>");
        return p;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
