package convbench.ekg.internal;

import convbench.cli.api.CliArgs;
import convbench.cli.api.CliCommand;
import convbench.cli.api.CliException;
import convbench.cli.api.CliProgress;
import convbench.cli.api.CliResult;
import convbench.ekg.BeatScorer;
import convbench.ekg.EcgReaders;
import convbench.ekg.EcgRecord;
import convbench.ekg.QrsDetector;
import convbench.ekg.classify.ClassifierJobs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Component;

/** {@code ekg qrs --db <folder> [--records 100,101]}: detects beats and scores them against the .atr beats. */
@Component(service = CliCommand.class)
public final class EkgQrsCommand implements CliCommand {
    @Override
    public String area() {
        return "ekg";
    }

    @Override
    public String action() {
        return "qrs";
    }

    @Override
    public String summary() {
        return "Detect QRS complexes and score them against reference beats (Se, +P; 150 ms window)";
    }

    @Override
    public String usage() {
        return "ekg qrs --db <folder of WFDB records with .atr> [--records 100,101,...] [--lead N (default: MLII)]"
                + " [--exclude-vf (EC57: leave out ventricular flutter episodes)] [--json]";
    }

    /** The records of a folder that have a header, and an .atr file to score against. */
    static List<String> recordsOf(Path db) throws CliException {
        try {
            return ClassifierJobs.annotatedRecords(db);
        } catch (IOException e) {
            throw new CliException(e.getMessage(), e);
        }
    }

    @Override
    public CliResult run(CliArgs args, CliProgress progress) throws Exception {
        Path db = args.existingPath("db");
        List<String> records = args.has("records") ? List.of(args.required("records").split(",")) : recordsOf(db);
        if (records.isEmpty())
            throw new CliException(db + ": no WFDB records with .atr annotations in this folder");
        int leadOpt = args.integer("lead", -1);
        boolean excludeVf = args.flag("exclude-vf");
        QrsDetector det = new QrsDetector();
        List<Map<String, Object>> rows = new ArrayList<>();
        BeatScorer.Score total = BeatScorer.Score.ZERO;
        StringBuilder text = new StringBuilder(String.format("%-8s %7s %6s %6s %8s %8s%n", "record", "TP", "FP",
                "FN", "Se %", "+P %"));
        for (int i = 0; i < records.size(); i++) {
            String r = records.get(i).trim();
            progress.report((double) i / records.size(), "record " + r);
            Path hea = db.resolve(r + ".hea");
            if (!Files.isRegularFile(hea))
                throw new CliException(hea + ": no such record header");
            EcgRecord rec = EcgReaders.readWfdb(hea, "atr");
            int lead = leadOpt >= 0 ? leadOpt : QrsDetector.preferredLead(rec);
            if (lead >= rec.signalCount())
                throw new CliException(hea + ": --lead " + lead + " but the record has " + rec.signalCount() + " signals");
            long[] ref = BeatScorer.referenceBeats(rec.annotations());
            if (ref.length == 0)
                throw new CliException(rec.source() + ": no reference beat annotations in " + r + ".atr");
            int[] found = det.detect(rec, lead);
            if (excludeVf) {
                long[][] vf = BeatScorer.vfEpisodes(rec.annotations());
                ref = BeatScorer.outside(ref, vf);
                found = BeatScorer.outside(found, vf);
            }
            BeatScorer.Score s = BeatScorer.score(ref, found, rec.fs());
            total = total.plus(s);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("record", r);
            row.put("se", s.se());
            row.put("ppv", s.ppv());
            row.put("tp", s.tp());
            row.put("fp", s.fp());
            row.put("fn", s.fn());
            row.put("lead", rec.signals().get(lead).name());
            rows.add(row);
            text.append(String.format("%-8s %7d %6d %6d %8.2f %8.2f%n", r, s.tp(), s.fp(), s.fn(), 100 * s.se(),
                    100 * s.ppv()));
        }
        progress.report(1, "done");
        Map<String, Object> overall = new LinkedHashMap<>();
        overall.put("se", total.se());
        overall.put("ppv", total.ppv());
        overall.put("tp", total.tp());
        overall.put("fp", total.fp());
        overall.put("fn", total.fn());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("records", rows);
        json.put("overall", overall);
        json.put("matchWindowSeconds", BeatScorer.MATCH_WINDOW_SECONDS);
        json.put("excludeVf", excludeVf);
        text.append(String.format("%-8s %7d %6d %6d %8.2f %8.2f%n", "overall", total.tp(), total.fp(), total.fn(),
                100 * total.se(), 100 * total.ppv()));
        return CliResult.of(json, text.toString());
    }
}
