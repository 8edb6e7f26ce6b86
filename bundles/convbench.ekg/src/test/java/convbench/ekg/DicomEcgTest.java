package convbench.ekg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import convbench.dicom.api.DicomObject;
import convbench.dicom.api.Waveform;
import convbench.dicom.api.WaveformChannel;
import convbench.dicom.pixelmed.PixelMedToolkit;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DICOM 12-lead ECG waveforms through ConvBench's DICOM API (PixelMed behind it), checked against pydicom: the
 * public 12-lead ECG of pydicom's test files (Debian python3-pydicom, releng/debian-packages.txt), every sample of
 * both multiplex groups compared with pydicom's own waveform handler run on the same file.
 */
class DicomEcgTest {
    static final Path PYDICOM_DATA = Path.of("/usr/lib/python3/dist-packages/pydicom/data/test_files");
    static final Path ECG = PYDICOM_DATA.resolve("waveform_ecg.dcm");
    private static final PixelMedToolkit TOOLKIT = new PixelMedToolkit();

    @BeforeAll
    static void toolkit() {
        if (!Files.isRegularFile(ECG))
            fail(ECG + " is missing: install Debian python3-pydicom (releng/install-debian-packages.sh)");
        EcgReaders.useDicomToolkit(TOOLKIT);
    }

    @Test
    void waveformGroupsMatchPydicomSampleForSample() throws Exception {
        DicomObject o = TOOLKIT.read(ECG);
        List<Waveform> groups = o.waveforms();
        String[] py = pydicom().split("\n");
        assertEquals(Integer.parseInt(py[0].trim()), groups.size(), "multiplex groups");
        int line = 1;
        for (Waveform w : groups) {
            String[] head = py[line++].split("\t");
            assertEquals(head[0], w.originality());
            assertEquals(Integer.parseInt(head[1]), w.channelCount());
            assertEquals(Integer.parseInt(head[2]), w.sampleCount());
            assertEquals(Double.parseDouble(head[3]), w.samplingFrequency());
            assertEquals(head[4], w.sampleInterpretation());
            for (int c = 0; c < w.channelCount(); c++) {
                String[] ch = py[line++].split("\t");
                WaveformChannel def = w.channels().get(c);
                assertEquals(ch[0], def.sourceMeaning());
                assertEquals(ch[1], def.units());
                int[] raw = Arrays.stream(py[line++].trim().split(" ")).mapToInt(Integer::parseInt).toArray();
                assertArrayEquals(raw, w.samples()[c], "raw samples of group " + w.index() + " channel " + c);
                double[] phys = Arrays.stream(py[line++].trim().split(" ")).mapToDouble(Double::parseDouble).toArray();
                assertArrayEquals(phys, w.physical(c), 1e-9, "physical values of group " + w.index() + " channel " + c);
            }
        }
        // the figures pydicom's own tests assert for this file (tests/test_waveform.py)
        assertArrayEquals(new int[] {80, 65, 50, 35, 37}, Arrays.copyOf(groups.get(0).samples()[0], 5));
        assertArrayEquals(new double[] {100, 81.25, 62.5, 43.75, 46.25}, Arrays.copyOf(groups.get(0).physical(0), 5), 1e-12);
        assertArrayEquals(new int[] {10, 10, 30, 35, 25}, Arrays.copyOf(groups.get(1).samples()[0], 5));
    }

    @Test
    void ecgReadersOpenTheRhythmGroupInMillivolts() throws Exception {
        EcgRecord rec = EcgReaders.open(ECG);
        assertEquals("waveform_ecg", rec.name());
        assertEquals(1000, rec.fs());
        assertEquals(12, rec.signalCount());
        assertEquals(10_000, rec.length());
        assertEquals(List.of("I", "II", "III", "aVR", "aVL", "aVF", "V1", "V2", "V3", "V4", "V5", "V6"),
                rec.signals().stream().map(SignalInfo::name).toList());
        assertEquals("mV", rec.signals().get(0).units());
        assertEquals(0.1f, rec.physical(0)[0], 1e-6f); // 80 x 1.25 uV
        // the ADC values and gain/baseline give the physical values back, as for WFDB records
        SignalInfo s = rec.signals().get(1);
        for (int i = 0; i < rec.length(); i += 97)
            assertEquals(rec.physical(1)[i], (rec.adc(1)[i] - s.baseline()) / s.gain(), 1e-6);
        // a resting 12-lead ECG: the QRS detector finds a plausible rhythm in its 10 s
        int beats = new QrsDetector().detect(rec).length;
        assertTrue(beats >= 5 && beats <= 25, beats + " beats in 10 s");
    }

    @Test
    void badDicomInputNamesTheFile(@TempDir Path dir) throws Exception {
        // a DICOM image has no waveform
        Path ct = PYDICOM_DATA.resolve("CT_small.dcm");
        Path ctCopy = dir.resolve("ct.dcm");
        Files.copy(ct, ctCopy);
        EcgFormatException e = assertThrows(EcgFormatException.class, () -> EcgReaders.open(ctCopy));
        assertTrue(e.getMessage().startsWith(ctCopy.toString()) && e.getMessage().contains("without a WaveformSequence"),
                e.getMessage());
        // a truncated ECG
        Path cut = dir.resolve("cut.dcm");
        byte[] all = Files.readAllBytes(ECG);
        Files.write(cut, Arrays.copyOf(all, all.length / 2));
        e = assertThrows(EcgFormatException.class, () -> EcgReaders.open(cut));
        assertTrue(e.getMessage().startsWith(cut.toString()), e.getMessage());
    }

    /**
     * pydicom's reading of the file: the group count, then per group a line "originality channels samples fs
     * interpretation" and per channel its source meaning and units, its raw samples and its physical values.
     */
    private static String pydicom() throws Exception {
        String script = String.join("\n",
                "import sys, pydicom",
                "from pydicom.waveforms.numpy_handler import multiplex_array",
                "ds = pydicom.dcmread(sys.argv[1])",
                "out = [str(len(ds.WaveformSequence))]",
                "for g, item in enumerate(ds.WaveformSequence):",
                "    out.append('\\t'.join([item.WaveformOriginality, str(item.NumberOfWaveformChannels),",
                "        str(item.NumberOfWaveformSamples), str(float(item.SamplingFrequency)), item.WaveformSampleInterpretation]))",
                "    raw = multiplex_array(ds, g, as_raw=True)",
                "    phys = multiplex_array(ds, g, as_raw=False)",
                "    for c, ch in enumerate(item.ChannelDefinitionSequence):",
                "        out.append(ch.ChannelSourceSequence[0].CodeMeaning + '\\t' + ch.ChannelSensitivityUnitsSequence[0].CodeValue)",
                "        out.append(' '.join(str(int(v)) for v in raw[:, c]))",
                "        out.append(' '.join(repr(float(v)) for v in phys[:, c]))",
                "print('\\n'.join(out))");
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", script, ECG.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0)
            fail("pydicom could not read " + ECG + ":\n" + out);
        return out;
    }
}
