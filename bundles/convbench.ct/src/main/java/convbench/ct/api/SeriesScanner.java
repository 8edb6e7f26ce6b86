package convbench.ct.api;

import convbench.dicom.api.DicomObject;
import convbench.dicom.api.DicomReadException;
import convbench.dicom.api.DicomToolkit;
import convbench.dicom.api.DicomUids;
import convbench.dicom.api.Tags;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Finds CT/MR image series in a folder tree or a DICOMDIR: reads headers only (fast), groups images by
 * SeriesInstanceUID and notes every file it leaves out (DICOMDIRs, non-images, non-DICOM files, unreadable ones).
 */
public final class SeriesScanner {
    private final DicomToolkit toolkit;
    private final int threads;

    public SeriesScanner(DicomToolkit toolkit) {
        this(toolkit, Runtime.getRuntime().availableProcessors());
    }

    /** @param threads header reads in parallel */
    public SeriesScanner(DicomToolkit toolkit, int threads) {
        this.toolkit = toolkit;
        this.threads = Math.max(1, threads);
    }

    public ScanResult scan(Path root) throws IOException {
        if (!Files.exists(root))
            throw new CtException(root + ": no such file or folder");
        List<ScanResult.Skipped> skipped = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(root)) {
            try (Stream<Path> s = Files.walk(root)) {
                s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".")).sorted()
                        .forEach(files::add);
            }
        } else if (isDicomdir(root)) {
            for (Path p : toolkit.referencedFiles(root)) {
                if (Files.isRegularFile(p))
                    files.add(p);
                else
                    skipped.add(new ScanResult.Skipped(p, "referenced by " + root.getFileName() + " but missing"));
            }
        } else {
            files.add(root);
        }
        Map<String, List<SliceInfo>> groups = new LinkedHashMap<>();
        Map<String, DicomObject> firstOfGroup = new LinkedHashMap<>();
        List<Future<DicomObject>> headers = readHeaders(files);
        for (int i = 0; i < files.size(); i++) {
            Path f = files.get(i);
            DicomObject o;
            try {
                o = headers.get(i).get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof DicomReadException d))
                    throw new CtException(f + ": cannot read the header (" + e.getCause() + ")", e.getCause());
                skipped.add(new ScanResult.Skipped(f, d.getMessage().startsWith(f.toString())
                        ? d.getMessage().substring(f.toString().length() + 2) : d.getMessage()));
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CtException(root + ": scan interrupted");
            }
            String reason = whyNotAnImage(o);
            if (reason != null) {
                skipped.add(new ScanResult.Skipped(f, reason));
                continue;
            }
            String uid = o.string(Tags.SeriesInstanceUID, "(no SeriesInstanceUID)");
            groups.computeIfAbsent(uid, k -> new ArrayList<>()).add(SliceInfo.of(o));
            firstOfGroup.putIfAbsent(uid, o);
        }
        List<DicomSeries> series = new ArrayList<>();
        for (Map.Entry<String, List<SliceInfo>> g : groups.entrySet()) {
            DicomObject first = firstOfGroup.get(g.getKey());
            series.add(new DicomSeries(g.getKey(), first.string(Tags.SeriesDescription, ""), first.string(Tags.Modality, ""),
                    first.integer(Tags.SeriesNumber, 0), g.getValue()));
        }
        return new ScanResult(root, series, skipped);
    }

    /** Headers are parsed in parallel (the files are independent); results stay in file order. */
    private List<Future<DicomObject>> readHeaders(List<Path> files) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, files.size())), r -> {
            Thread t = new Thread(r, "convbench-ct-scan");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<DicomObject>> out = new ArrayList<>(files.size());
            for (Path f : files)
                out.add(pool.submit(() -> toolkit.readHeader(f)));
            return out;
        } finally {
            pool.shutdown(); // queued reads still run; the pool's threads end after the last
        }
    }

    private boolean isDicomdir(Path file) {
        try {
            DicomObject o = toolkit.readHeader(file);
            return DicomUids.MEDIA_STORAGE_DIRECTORY_STORAGE.equals(o.string(Tags.MediaStorageSOPClassUID))
                    || o.contains(Tags.DirectoryRecordSequence);
        } catch (DicomReadException e) {
            return false;
        }
    }

    private static String whyNotAnImage(DicomObject o) {
        String sop = o.string(Tags.SOPClassUID, o.string(Tags.MediaStorageSOPClassUID, "?"));
        if (DicomUids.MEDIA_STORAGE_DIRECTORY_STORAGE.equals(sop) || o.contains(Tags.DirectoryRecordSequence))
            return "DICOM directory (DICOMDIR), not an image; the images it lists are read where they lie";
        if (!o.isImage())
            return "DICOM object without pixel data (SOP class " + sop + "), not an image";
        int frames = o.frameCount();
        if (frames > 1)
            return "multi-frame image (" + frames + " frames): not supported by the series loader yet";
        return null;
    }
}
