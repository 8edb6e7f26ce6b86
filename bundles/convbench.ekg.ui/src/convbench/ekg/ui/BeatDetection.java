package convbench.ekg.ui;

import convbench.ekg.BeatScorer;

/**
 * Beats found by the QRS detector in one lead of a record.
 *
 * @param beats   R-peak sample numbers, ascending
 * @param score   against the record's reference beat annotations (VF episodes excluded), or null without them
 * @param matched per detected beat, whether it lies within 150 ms of a reference beat (null without a reference)
 */
public record BeatDetection(int lead, int[] beats, BeatScorer.Score score, boolean[] matched, double seconds) {
}
