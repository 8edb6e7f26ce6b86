package convbench.face.ui.internal;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.function.Consumer;

import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.Status;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.PaletteData;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

import convbench.compute.ComputeJob;
import convbench.compute.JobContext;
import convbench.compute.Lane;
import convbench.compute.ui.ComputeUi;
import convbench.face.FaceAnalyzer;
import convbench.face.FaceDatabase;
import convbench.face.FaceException;
import convbench.face.FaceRecognition;

/** What the Face handlers share: the networks (loaded once, in a job), the database file, jobs and error dialogs. */
final class FaceUi {
    static final ILog LOG = ILog.of(FaceUi.class);
    /** The networks' weights and SameDiff graphs, with headroom for ND4J's workspaces. */
    private static final long NETWORK_BYTES = 400L << 20;
    private static FaceAnalyzer analyzer;

    private FaceUi() {
    }

    /**
     * The current database file: $CONVBENCH_FACE_DB, else faces.db in the ConvBench state folder ($CONVBENCH_HOME,
     * as releng/run-product.sh uses it, else ~/.convbench).
     */
    static Path databaseFile() {
        String direct = System.getenv("CONVBENCH_FACE_DB");
        if (direct != null && !direct.isBlank())
            return Path.of(direct).toAbsolutePath();
        String home = System.getenv("CONVBENCH_HOME");
        Path state = home != null && !home.isBlank() ? Path.of(home) : Path.of(System.getProperty("user.home"), ".convbench");
        return state.resolve("faces.db").toAbsolutePath();
    }

    /** The networks; the first call loads them (seconds), so it is only made from compute jobs. */
    static synchronized FaceAnalyzer analyzer() throws FaceException {
        if (analyzer == null)
            analyzer = FaceAnalyzer.openDefault();
        return analyzer;
    }

    static FaceRecognition recognition(FaceDatabase db) throws FaceException {
        return new FaceRecognition(analyzer(), db);
    }

    /** Pixels of an image from its header alone (the UI thread must not decode it); a 12 MP guess when unreadable. */
    static long pixels(Path image) {
        try (javax.imageio.stream.ImageInputStream in = javax.imageio.ImageIO.createImageInputStream(image.toFile())) {
            java.util.Iterator<javax.imageio.ImageReader> readers = in == null ? null : javax.imageio.ImageIO.getImageReaders(in);
            if (readers != null && readers.hasNext()) {
                javax.imageio.ImageReader r = readers.next();
                try {
                    r.setInput(in);
                    return (long) r.getWidth(0) * r.getHeight(0);
                } finally {
                    r.dispose();
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            // the job reads the file again and reports why it cannot
        }
        return 12_000_000L;
    }

    /** Peak memory of one analysis: the networks plus the photo as floats, resized copies and detector tensors. */
    static long memoryFor(long pixels) {
        return NETWORK_BYTES + pixels * 3 * 4 * 6;
    }

    /** Model work that may fail with a message for the user: the failure comes back as a value, not an exception. */
    interface Work<T> {
        T run(JobContext context) throws FaceException;
    }

    /** A result or the headless code's message. */
    record Outcome<T>(T value, String error) {
    }

    /**
     * Runs {@code work} on the compute service's device lane; the result goes to {@code onDone} on the UI thread,
     * a {@link FaceException} to an error dialog titled {@code title} with the headless code's message.
     */
    static <T> void schedule(Shell shell, String title, String name, long memoryBytes, Work<T> work, Consumer<T> onDone) {
        ComputeJob<Outcome<T>> job = new ComputeJob<>() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Lane lane() {
                return Lane.DEVICE;
            }

            @Override
            public long memoryBytes() {
                return memoryBytes;
            }

            @Override
            public Outcome<T> run(JobContext context) {
                try {
                    return new Outcome<>(work.run(context), null);
                } catch (FaceException e) {
                    return new Outcome<>(null, message(e));
                }
            }
        };
        ComputeUi.schedule(job, o -> {
            if (o.error() != null)
                error(shell, title, o.error(), null);
            else
                onDone.accept(o.value());
        });
    }

    /** The identity and image a person-and-image dialog returned. */
    record PersonImage(String identity, Path image) {
    }

    /** Model work on the chosen identity and image. */
    interface PersonWork<T> {
        T run(JobContext context, PersonImage chosen) throws FaceException;
    }

    /**
     * What Enrol and Verify share: the current database read (created if missing when {@code create}), the
     * identity-and-image dialog over its identities, then {@code work} as a device-lane job named by {@code jobName},
     * sized for the image; the result goes to {@code onDone} on the UI thread, a {@link FaceException} to an error
     * dialog.
     */
    static <T> void personImageJob(Shell shell, String title, String intro, boolean create,
            java.util.function.Function<PersonImage, String> jobName, PersonWork<T> work,
            java.util.function.BiConsumer<PersonImage, T> onDone) {
        Path dbFile = databaseFile();
        FaceDatabase current;
        try {
            current = create ? FaceDatabase.loadOrCreate(dbFile) : FaceDatabase.load(dbFile);
        } catch (FaceException e) {
            error(shell, title, e.getMessage(), e);
            return;
        }
        PersonImageDialog dialog = new PersonImageDialog(shell, title, intro, dbFile, current.identities());
        if (dialog.open() != org.eclipse.jface.window.Window.OK)
            return;
        PersonImage chosen = new PersonImage(dialog.identity(), dialog.image());
        schedule(shell, title, jobName.apply(chosen), memoryFor(pixels(chosen.image())), ctx -> work.run(ctx, chosen),
                r -> onDone.accept(chosen, r));
    }

    /** Shows an error dialog on the UI thread and writes it to the Error Log. */
    static void error(Shell shell, String title, String message, Throwable cause) {
        LOG.log(Status.error(title + ": " + message, cause));
        Display display = shell != null && !shell.isDisposed() ? shell.getDisplay() : Display.getDefault();
        display.asyncExec(() -> MessageDialog.openError(shell == null || shell.isDisposed() ? null : shell, title, message));
    }

    static String message(Throwable e) {
        return e.getMessage() == null || e.getMessage().isBlank() ? e.toString() : e.getMessage();
    }

    /** AWT pixels as SWT image data (display-independent, so it may be made inside the job). */
    static ImageData toImageData(BufferedImage img) {
        int w = img.getWidth(), h = img.getHeight();
        int[] row = new int[w];
        ImageData data = new ImageData(w, h, 24, new PaletteData(0xFF0000, 0x00FF00, 0x0000FF));
        for (int y = 0; y < h; y++) {
            img.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++)
                row[x] &= 0xFFFFFF;
            data.setPixels(0, y, w, row, 0);
        }
        return data;
    }

    /**
     * A label, a path field and its Browse... button across the three columns of {@code c}: a folder chooser when
     * {@code filters} is null, else a file chooser with those filters.
     */
    static Text pathRow(Composite c, String label, String chooserTitle, String[] filters) {
        new Label(c, SWT.NONE).setText(label);
        Text field = new Text(c, SWT.BORDER | SWT.SINGLE);
        GridData wide = new GridData(SWT.FILL, SWT.CENTER, true, false);
        wide.widthHint = 420;
        field.setLayoutData(wide);
        Button browse = new Button(c, SWT.PUSH);
        browse.setText("Browse...");
        browse.addListener(SWT.Selection, e -> {
            String chosen;
            if (filters == null) {
                DirectoryDialog d = new DirectoryDialog(c.getShell());
                d.setText(chooserTitle);
                chosen = d.open();
            } else {
                FileDialog d = new FileDialog(c.getShell(), SWT.OPEN);
                d.setText(chooserTitle);
                d.setFilterExtensions(filters);
                chosen = d.open();
            }
            if (chosen != null)
                field.setText(chosen);
        });
        return field;
    }
}
