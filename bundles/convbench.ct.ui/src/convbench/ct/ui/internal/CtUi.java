package convbench.ct.ui.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.LabelProvider;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.dialogs.ListDialog;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

import convbench.compute.ComputeJob;
import convbench.compute.JobContext;
import convbench.compute.Lane;
import convbench.compute.ui.ComputeUi;
import convbench.ct.api.CtException;
import convbench.ct.api.DicomSeries;
import convbench.ct.api.InVesaliusProject;
import convbench.ct.api.LoadedSeries;
import convbench.ct.api.Nifti;
import convbench.ct.api.ScanResult;
import convbench.ct.api.SeriesLoader;
import convbench.ct.api.SeriesScanner;
import convbench.ct.api.Volume;
import convbench.dicom.api.DicomToolkit;

/** Opening CT data: every read runs as a CPU-lane compute job (progress, cancel, error dialog); results open an editor. */
final class CtUi {
    private static ServiceTracker<DicomToolkit, DicomToolkit> tracker;
    /** The lesion segmenter CT > Run Analysis uses: the last one trained or chosen. */
    private static volatile Path currentModel;

    private CtUi() {
    }

    /** The DICOM toolkit service (PixelMed adapter); waits up to 10 s while the platform starts. Not on the UI thread. */
    static synchronized DicomToolkit toolkit() throws CtException {
        if (tracker == null) {
            tracker = new ServiceTracker<>(FrameworkUtil.getBundle(CtUi.class).getBundleContext(), DicomToolkit.class, null);
            tracker.open();
        }
        try {
            DicomToolkit t = tracker.waitForService(10_000);
            if (t == null)
                throw new CtException("No DICOM toolkit service is available in this product"
                        + " (bundle convbench.dicom.pixelmed is missing or did not start)");
            return t;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CtException("interrupted while waiting for the DICOM toolkit service", e);
        }
    }

    static Path currentModel() {
        return currentModel;
    }

    static void setCurrentModel(Path p) {
        currentModel = p;
    }

    /**
     * A volume without a viewer (for training): NIfTI, InVesalius, or a folder holding one DICOM series (tilt corrected).
     * Not on the UI thread.
     */
    static Volume readVolume(Path p) throws Exception {
        if (!Files.exists(p))
            throw new CtException(p + ": no such file or folder");
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".inv3"))
            return InVesaliusProject.read(p).volume();
        if (isVolumeFile(p))
            return Nifti.read(p);
        ScanResult scan = new SeriesScanner(toolkit()).scan(p);
        if (scan.series().size() != 1)
            throw new CtException(p + ": " + (scan.series().isEmpty() ? "no DICOM image series" : scan.series().size()
                    + " DICOM series; name the folder of one") + skippedNote(scan));
        return new SeriesLoader(toolkit()).load(scan.series().get(0)).volume();
    }

    /** Where file dialogs start: the bundled sample data, when the launcher named it. */
    static String sampleFolder() {
        String s = System.getProperty("convbench.sampleData");
        return s == null || !Files.isDirectory(Path.of(s, "ct")) ? null : Path.of(s, "ct").toString();
    }

    static boolean isVolumeFile(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return Files.isRegularFile(p) && (n.endsWith(".nii") || n.endsWith(".nii.gz") || n.endsWith(".inv3"));
    }

    /** A dropped or chosen path: a volume file opens as a volume, anything else is scanned for DICOM series. */
    static void open(IWorkbenchWindow window, Path path) {
        if (isVolumeFile(path))
            openVolume(window, path);
        else
            openSeries(window, path);
    }

    interface Work<T> {
        T run(JobContext context) throws Exception;
    }

    /** Plain-Java work for the compute service's CPU lane. */
    static <T> ComputeJob<T> cpuJob(String name, long memoryBytes, int threads, Work<T> work) {
        return new ComputeJob<>() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Lane lane() {
                return Lane.CPU;
            }

            @Override
            public int threads() {
                return threads;
            }

            @Override
            public long memoryBytes() {
                return memoryBytes;
            }

            @Override
            public T run(JobContext context) throws Exception {
                return work.run(context);
            }
        };
    }

    static void openSeries(IWorkbenchWindow window, Path root) {
        ComputeUi.schedule(cpuJob("Scanning " + root + " for DICOM series", 64L << 20, 1, ctx -> {
            ctx.progress(0, "reading headers under " + root);
            return new SeriesScanner(toolkit()).scan(root);
        }), scan -> {
            if (scan.series().isEmpty()) {
                error(window.getShell(), "Open Series", root + ": no DICOM image series found" + skippedNote(scan));
                return;
            }
            DicomSeries chosen = scan.series().size() == 1 ? scan.series().get(0) : choose(window.getShell(), scan);
            if (chosen != null)
                loadSeries(window, scan, chosen);
        });
    }

    private static DicomSeries choose(Shell shell, ScanResult scan) {
        ListDialog d = new ListDialog(shell);
        d.setTitle("Open Series");
        d.setMessage(scan.root() + " holds " + scan.series().size() + " series; choose one:");
        d.setContentProvider(ArrayContentProvider.getInstance());
        d.setLabelProvider(new LabelProvider() {
            @Override
            public String getText(Object o) {
                DicomSeries s = (DicomSeries) o;
                return String.format("#%d %s  %s, %d images  (%s)", s.seriesNumber(),
                        s.description().isEmpty() ? "(no description)" : s.description(), s.modality(), s.slices().size(),
                        s.seriesUid());
            }
        });
        d.setInput(scan.series());
        d.setInitialSelections(scan.series().get(0));
        d.setWidthInChars(90);
        if (d.open() != ListDialog.OK || d.getResult().length == 0)
            return null;
        return (DicomSeries) d.getResult()[0];
    }

    private record Loaded(LoadedSeries series, CtVolumeInput input) {
    }

    private static void loadSeries(IWorkbenchWindow window, ScanResult scan, DicomSeries series) {
        long bytes = 0;
        if (!series.slices().isEmpty())
            bytes = 4L * series.slices().size() * series.slices().get(0).rows() * series.slices().get(0).columns();
        String name = series.description().isEmpty() ? series.seriesUid() : series.description();
        int threads = Math.min(4, Runtime.getRuntime().availableProcessors());
        ComputeUi.schedule(cpuJob("Loading CT series " + name + " (" + series.slices().size() + " images)", bytes, threads,
                ctx -> {
                    LoadedSeries s = new SeriesLoader(toolkit()).load(series, new SeriesLoader.Options(true, true, threads),
                            (f, m) -> {
                                ctx.checkCancelled(); // cancel between slices
                                ctx.progress(f, m);
                            });
                    List<String> notes = new ArrayList<>(s.warnings());
                    for (ScanResult.Skipped k : scan.skipped())
                        notes.add("skipped " + k.file().getFileName() + ": " + k.reason());
                    boolean ct = "CT".equalsIgnoreCase(series.modality());
                    return new Loaded(s, CtVolumeInput.of(name, scan.root(), s.volume(), s, notes, ct));
                }),
                loaded -> {
                    openEditor(window, loaded.input());
                    List<String> warnings = loaded.series().warnings();
                    if (!warnings.isEmpty()) // tilt correction, variable spacing, left-out slices: say so at once
                        MessageDialog.openWarning(window.getShell(), "Open Series",
                                name + " opened with " + warnings.size() + " warning(s):\n\n- " + String.join("\n- ", warnings));
                });
    }

    static void openVolume(IWorkbenchWindow window, Path file) {
        long bytes = Math.max(64L << 20, 8 * fileSize(file));
        ComputeUi.schedule(cpuJob("Opening " + file.getFileName(), bytes, 1, ctx -> {
            ctx.progress(0, "reading " + file);
            if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".inv3")) {
                InVesaliusProject p = InVesaliusProject.read(file);
                List<String> notes = new ArrayList<>();
                notes.add("InVesalius project: no patient position stored (origin 0, identity axes)");
                for (int m = 0; m < p.masks().size(); m++)
                    notes.add("mask " + m + " '" + p.masks().get(m).name() + "': load it with CT > Load Overlay... and this project");
                return CtVolumeInput.of(p.name().isEmpty() ? file.getFileName().toString() : p.name(), file, p.volume(), null, notes,
                        "CT".equalsIgnoreCase(p.modality()));
            }
            Volume v = Nifti.read(file);
            double[] r = v.range();
            // NIfTI has no modality: values down to air (-1024) mean Hounsfield units
            boolean hu = r[0] <= -900 && r[0] >= -3100 && v.kind() == Volume.Kind.INTENSITY;
            return new CtVolumeInput(file.getFileName().toString(), file, v, null, List.of(), hu ? "HU" : "value", r);
        }), input -> openEditor(window, input));
    }

    /** Reads an overlay (NIfTI, or the first mask of an InVesalius project) and hands it, aligned, to the viewer. */
    static void loadOverlay(CtViewerEditor editor, Path file) {
        Volume base = editor.volume();
        ComputeUi.schedule(cpuJob("Loading overlay " + file.getFileName(), Math.max(64L << 20, 3 * base.voxelBytes()), 1, ctx -> {
            ctx.progress(0, "reading " + file);
            Volume v;
            if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".inv3")) {
                InVesaliusProject p = InVesaliusProject.read(file);
                if (p.masks().isEmpty())
                    throw new CtException(file + ": the project has no masks to show as an overlay");
                v = p.masks().get(0).labels().description(p.masks().get(0).name());
            } else {
                v = Nifti.read(file);
            }
            ctx.progress(0.5, "aligning " + file.getFileName() + " with the volume");
            return Overlay.of(file, v, base);
        }), editor::setOverlay);
    }

    static void openEditor(IWorkbenchWindow window, CtVolumeInput input) {
        IWorkbenchPage page = window.getActivePage();
        try {
            page.openEditor(input, CtViewerEditor.ID);
        } catch (PartInitException e) {
            error(window.getShell(), "CT Viewer", "Cannot open the viewer for " + input.getName() + ": " + e.getMessage());
        }
    }

    static void error(Shell shell, String title, String message) {
        MessageDialog.openError(shell, title, message);
    }

    private static String skippedNote(ScanResult scan) {
        if (scan.skipped().isEmpty())
            return ".";
        ScanResult.Skipped s = scan.skipped().get(0);
        return " (" + scan.skipped().size() + " file(s) skipped; e.g. " + s.file() + ": " + s.reason() + ").";
    }

    private static long fileSize(Path p) {
        try {
            return Files.size(p);
        } catch (java.io.IOException e) {
            return 0;
        }
    }
}
