/**
 * Import of pretrained models into DL4J.
 * <ul>
 * <li>{@link convbench.core.importer.ModelImporter}: TF.js layers {@code model.json} (Keras topology, weights
 * manifest, float32 or uint8/uint16/float16-quantised shards) and Keras {@code .h5} files to an
 * {@link convbench.core.importer.ImportedModel}: a DL4J ComputationGraph whose vertex names are the Keras layer
 * names, with intermediate activations by name.</li>
 * <li>{@link convbench.core.importer.WeightManifest}: the manifest and shard reader alone, giving named float
 * arrays for code that builds its own networks; {@link convbench.core.importer.KernelLayout} converts their
 * layouts to DL4J's.</li>
 * <li>{@link convbench.core.importer.ImageClassifier}: headless top-k image classification with the model's
 * preprocessing ({@link convbench.core.importer.ImagePreprocessing}); the {@code model classify} command uses it.</li>
 * </ul>
 * DL4J networks are not thread-safe: use one {@code ImportedModel} per thread, or serialise calls.
 */
package convbench.core.importer;
