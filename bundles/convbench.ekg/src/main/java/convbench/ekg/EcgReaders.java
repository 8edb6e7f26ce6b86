package convbench.ekg;

import convbench.dicom.api.DicomToolkit;
import convbench.ekg.internal.CsvEcgReader;
import convbench.ekg.internal.DicomEcgReader;
import convbench.ekg.internal.EdfReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Opens ECG files, choosing the reader by extension: WFDB ({@code .hea}, {@code .dat}), EDF/EDF+, CSV, and DICOM
 * waveforms ({@code .dcm}) through the DICOM toolkit service.
 */
public final class EcgReaders {
    private static volatile DicomToolkit dicom;

    private EcgReaders() {
    }

    /** The DICOM toolkit that reads {@code .dcm} ECGs (the OSGi service; tests hand in one themselves). */
    public static void useDicomToolkit(DicomToolkit toolkit) {
        dicom = toolkit;
    }

    /** Forgets {@code toolkit} if it is the one in use (its service went away). */
    public static void forgetDicomToolkit(DicomToolkit toolkit) {
        if (dicom == toolkit)
            dicom = null;
    }

    /**
     * Reads a whole record. A WFDB record may be named by its header, its {@code .dat} file or its base path
     * (e.g. {@code mitdb/100}); its {@code .atr} annotations are attached when present.
     */
    public static EcgRecord open(Path file) throws IOException {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".edf"))
            return EdfReader.read(file);
        if (n.endsWith(".csv"))
            return CsvEcgReader.read(file);
        if (n.endsWith(".dcm")) {
            DicomToolkit t = dicom;
            if (t == null)
                throw new EcgFormatException(file, null, "DICOM ECGs need ConvBench's DICOM toolkit (bundle"
                        + " convbench.dicom.pixelmed), which is not running");
            return DicomEcgReader.read(t, file);
        }
        Path hea = wfdbHeaderOf(file);
        if (hea != null)
            return readWfdb(hea, "atr");
        throw new EcgFormatException(file, null, Files.exists(file) ? "unknown ECG file type (expected .hea/.dat, "
                + ".edf, .csv or .dcm)" : "no such file");
    }

    /** The header of a WFDB record named by its header, a signal file or its base path; null if there is none. */
    public static Path wfdbHeaderOf(Path file) {
        String n = file.getFileName().toString();
        if (n.toLowerCase(Locale.ROOT).endsWith(".hea"))
            return file;
        Path sibling = WfdbAnnotations.fileOf(file, "hea");
        if (Files.isRegularFile(sibling))
            return sibling;
        Path appended = file.resolveSibling(n + ".hea");
        return Files.isRegularFile(appended) ? appended : null;
    }

    /**
     * Reads a WFDB record at its frame rate (multi-frequency signals as frame means), with the annotations of
     * {@code annotator} (e.g. "atr") when that file exists.
     */
    public static EcgRecord readWfdb(Path header, String annotator) throws IOException {
        WfdbRecord rec = WfdbRecord.open(header);
        int[][] adc = rec.read(0, rec.frames(), false);
        List<WfdbHeader.Signal> sigs = rec.signals();
        float[][] phys = new float[adc.length][];
        SignalInfo[] info = new SignalInfo[adc.length];
        for (int s = 0; s < adc.length; s++) {
            WfdbHeader.Signal sg = sigs.get(s);
            float g = (float) sg.gain(), b = (float) sg.baseline();
            int[] a = adc[s];
            float[] p = new float[a.length];
            for (int i = 0; i < a.length; i++)
                p[i] = a[i] == WfdbRecord.INVALID ? Float.NaN : (a[i] - b) / g;
            phys[s] = p;
            info[s] = new SignalInfo(sg.description().isEmpty() ? "sig " + s : sg.description(), sg.units(),
                    sg.gain(), sg.baseline());
        }
        List<Annotation> ann = List.of();
        if (annotator != null) {
            Path atr = WfdbAnnotations.fileOf(header, annotator);
            if (Files.isRegularFile(atr))
                ann = WfdbAnnotations.read(atr);
        }
        String start = rec.header().baseTime() == null ? null
                : rec.header().baseTime() + (rec.header().baseDate() == null ? "" : " " + rec.header().baseDate());
        return new EcgRecord(rec.name(), header, rec.fs(), List.of(info), phys, adc, ann, start);
    }
}
