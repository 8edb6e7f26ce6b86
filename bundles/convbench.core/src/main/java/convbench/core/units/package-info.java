/**
 * The unit explorer: the inputs that excite a unit most and the receptive-field patch of each
 * ({@link convbench.core.units.UnitExplorer}); CLI twin {@code units --model M --data D --layer L --unit U --json}.
 */
package convbench.core.units;
