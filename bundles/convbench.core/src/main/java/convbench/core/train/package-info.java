/**
 * Reproducible training with checkpoints, resume, cancel, early stopping and live metrics
 * ({@link convbench.core.train.Trainer}); {@link convbench.core.train.TrainingJob} runs it on the compute service.
 */
package convbench.core.train;
