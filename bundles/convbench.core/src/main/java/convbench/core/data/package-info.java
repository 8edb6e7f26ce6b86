/**
 * Examples for training, evaluation and the unit explorer, pulled on demand from an
 * {@link convbench.core.data.ExampleSource} so that data larger than memory works.
 *
 * <h2>Exchange format (what {@code units --data} and the plugins' exports use)</h2>
 * <ul>
 * <li>A NumPy {@code .npy} file (format 1-3, C order, little-endian float32/float64, uint8, int16 or int32) of shape
 * {@code [N, C, W]} (1D: e.g. EKG beat windows), {@code [N, C, H, W]} (2D: image patches) or
 * {@code [N, C, D, H, W]} (3D: CT sub-volumes); example i is read from disk when asked for
 * ({@link convbench.core.data.NpySource}). Labels, when needed, are a second {@code .npy} of N class ids. Python
 * writes it with {@code numpy.save}; Java with {@link convbench.core.data.NpyFile#write}.</li>
 * <li>For 2D, a folder of PNG/JPEG images (sorted by name; optionally one sub-folder per class), read as values 0..1
 * with 1 (luminance) or 3 (RGB) channels ({@link convbench.core.data.ImageFolderSource}).</li>
 * </ul>
 * Batches are stacked here ({@link convbench.core.data.Batches}) because ND4J 1.0.0-M2.1's {@code DataSet.merge}
 * rejects rank-5 arrays. Orders and splits depend only on (seed, epoch) ({@link convbench.core.data.Sampling}).
 */
package convbench.core.data;
