package convbench.ekg.internal;

import convbench.cli.api.CliArgs;
import convbench.cli.api.CliCommand;
import convbench.cli.api.CliException;
import convbench.cli.api.CliProgress;
import convbench.cli.api.CliResult;
import convbench.ekg.EcgFormatException;
import convbench.ekg.EcgReaders;
import convbench.ekg.EcgRecord;
import convbench.ekg.SignalInfo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Component;

/** {@code ekg read <record>}: what a record holds. */
@Component(service = CliCommand.class)
public final class EkgReadCommand implements CliCommand {
    @Override
    public String area() {
        return "ekg";
    }

    @Override
    public String action() {
        return "read";
    }

    @Override
    public String summary() {
        return "Read an ECG record (WFDB .hea/.dat, EDF/EDF+, CSV, DICOM ECG waveform .dcm) and describe it";
    }

    @Override
    public String usage() {
        return "ekg read <record file or WFDB base path> | --record <R> [--json]";
    }

    @Override
    public CliResult run(CliArgs args, CliProgress progress) throws Exception {
        String given = args.has("record") ? args.required("record")
                : args.positional().isEmpty() ? null : args.positional().get(0);
        if (given == null)
            throw new CliException("missing record: ekg read <record> or --record <R>");
        Path p = Path.of(given);
        EcgRecord rec;
        try {
            rec = EcgReaders.open(p);
        } catch (EcgFormatException e) {
            throw new CliException(e.getMessage(), e);
        }
        List<Map<String, Object>> sigs = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        text.append(String.format("record %s: %d signals at %s Hz, %d samples (%.1f s), %d annotations%n", rec.name(),
                rec.signalCount(), fmt(rec.fs()), rec.length(), rec.durationSeconds(), rec.annotations().size()));
        for (SignalInfo s : rec.signals()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", s.name());
            m.put("units", s.units());
            m.put("gain", s.gain());
            m.put("baseline", s.baseline());
            sigs.add(m);
            text.append(String.format("  %-16s %-8s gain %s%n", s.name(), s.units(), fmt(s.gain())));
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("record", rec.name());
        json.put("fs", rec.fs());
        json.put("samples", rec.length());
        json.put("signals", sigs);
        json.put("annotations", rec.annotations().size());
        json.put("beats", rec.annotations().stream().filter(a -> a.isBeat()).count());
        json.put("durationSeconds", rec.durationSeconds());
        json.put("file", rec.source().toString());
        return CliResult.of(json, text.toString());
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
