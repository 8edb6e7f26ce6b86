/** The shared compute service: one queue, device information, progress, cancellation and live metrics. */
package convbench.compute;
