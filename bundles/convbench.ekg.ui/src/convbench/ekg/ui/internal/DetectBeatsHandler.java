package convbench.ekg.ui.internal;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;

import convbench.compute.ComputeJob;
import convbench.compute.JobContext;
import convbench.compute.Lane;
import convbench.compute.ui.ComputeUi;
import convbench.ekg.BeatScorer;
import convbench.ekg.EcgRecord;
import convbench.ekg.QrsDetector;
import convbench.ekg.ui.BeatDetection;
import convbench.ekg.ui.EcgEditor;

/** EKG > Detect Beats: Pan-Tompkins on the record's preferred lead as a CPU job, scored against the reference. */
public final class DetectBeatsHandler extends AbstractHandler {
    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        EcgEditor editor = EkgUi.activeEditor(event);
        EcgRecord rec = editor.record();
        ComputeUi.schedule(new Detect(rec), d -> {
            EkgUi.LOG.info("Detect beats in " + rec.name() + ": " + editor.summary(d));
            editor.setDetection(d);
        });
        return null;
    }

    /** The detection itself: headless work on the compute service's CPU lane. */
    record Detect(EcgRecord rec) implements ComputeJob<BeatDetection> {
        @Override
        public String name() {
            return "Detect beats in " + rec.name();
        }

        @Override
        public Lane lane() {
            return Lane.CPU;
        }

        @Override
        public long memoryBytes() {
            return 4L * 8 * rec.length() + (64L << 20); // the detector's four double working arrays
        }

        @Override
        public BeatDetection run(JobContext context) {
            int lead = QrsDetector.preferredLead(rec);
            context.progress(0.05, "Pan-Tompkins on lead " + rec.signals().get(lead).name());
            context.checkCancelled();
            long t0 = System.nanoTime();
            // one pass over the whole record: its adaptive thresholds need the history, so it is not split
            int[] beats = new QrsDetector().detect(rec, lead);
            double seconds = (System.nanoTime() - t0) / 1e9;
            context.checkCancelled();
            context.progress(0.9, "scoring against the reference beats");
            long[] ref = BeatScorer.referenceBeats(rec.annotations());
            if (ref.length == 0)
                return new BeatDetection(lead, beats, null, null, seconds);
            long[][] vf = BeatScorer.vfEpisodes(rec.annotations()); // EC57 leaves VF episodes out of QRS scoring
            BeatScorer.Score score = BeatScorer.score(BeatScorer.outside(ref, vf), BeatScorer.outside(beats, vf), rec.fs());
            return new BeatDetection(lead, beats, score, matches(ref, beats, rec.fs()), seconds);
        }

        /** Whether each detection lies within the EC57 match window of some reference beat (for colouring). */
        static boolean[] matches(long[] ref, int[] beats, double fs) {
            long[] sorted = ref.clone();
            java.util.Arrays.sort(sorted);
            long w = Math.round(BeatScorer.MATCH_WINDOW_SECONDS * fs);
            boolean[] m = new boolean[beats.length];
            for (int i = 0; i < beats.length; i++) {
                int j = EcgPaperCanvas.lowerBound(sorted, beats[i] - w);
                m[i] = j < sorted.length && sorted[j] <= beats[i] + w;
            }
            return m;
        }
    }
}
