/**
 * Model files: one zip holding the DL4J network and ConvBench's metadata, written atomically
 * ({@link convbench.core.model.ModelFile}); {@link convbench.core.model.Networks} hides the MultiLayerNetwork /
 * ComputationGraph difference.
 */
package convbench.core.model;
