package convbench.ekg.internal;

import convbench.cli.api.CliArgs;
import convbench.cli.api.CliCommand;
import convbench.cli.api.CliException;
import convbench.cli.api.CliProgress;
import convbench.cli.api.CliResult;
import convbench.ekg.EcgReaders;
import convbench.ekg.EcgRecord;
import convbench.ekg.QrsDetector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.osgi.service.component.annotations.Component;

/**
 * {@code ekg bench}: time to read a 30-minute two-lead MIT-BIH record and QRS detection speed as a multiple of
 * real time (medians over repeated runs after warm-up, since the first runs include JIT compilation).
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
        return "Benchmark: read a 30-min two-lead record (ms), QRS detection (x real time)";
    }

    @Override
    public String usage() {
        return "ekg bench [--record <path/to/100.hea> (default: sample-data/ekg/100.hea)] [--repeat 7] [--json]";
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
        return CliResult.of(json, text);
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
