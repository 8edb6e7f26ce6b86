/**
 * Evaluation: confusion matrix with Se/+P/F1 (macro and micro), ROC/AUC (binary and one-vs-rest), Dice/IoU, and
 * JSON/CSV export ({@link convbench.core.eval.Evaluator}, {@link convbench.core.eval.EvaluationReport}).
 */
package convbench.core.eval;
