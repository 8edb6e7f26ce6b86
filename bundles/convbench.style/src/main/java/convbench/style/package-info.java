/**
 * Neural style transfer (Gatys et al.; the seed's formulas) on ImageNet features, headless.
 * <ul>
 * <li>{@link convbench.style.StyleTransfer#run}: the whole run for the dialog and the CLI, with a per-iteration
 * {@link convbench.style.StyleListener} (every loss term, per style layer, a preview image every N iterations) and
 * cancellation.</li>
 * <li>{@link convbench.style.StyleParameters}: layers and lambda weights, alpha, beta, total variation, activation
 * smoothing, optimiser (L-BFGS or Adam), iterations, size, start image, colour preservation;
 * {@link convbench.style.FeaturePreset} the usual layers of ResNet50, VGG16 and VGG19.</li>
 * <li>{@link convbench.style.StyleObjective}: J(G) and dJ/dG as one SameDiff graph; {@link convbench.style.FeatureGraph}
 * rebuilds an imported DL4J network as differentiable SameDiff ops.</li>
 * <li>{@link convbench.style.StyleImages}: resampling, colour preservation, PNG with the parameters as tEXt.</li>
 * </ul>
 * ND4J work inside {@code StyleTransfer.run} goes through {@code convbench.dl4j.Nd4jContext}; callers of the
 * lower-level classes must do the same inside OSGi.
 */
package convbench.style;
