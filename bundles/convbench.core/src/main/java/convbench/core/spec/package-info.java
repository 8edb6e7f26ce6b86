/**
 * Declarative network specs (JSON, Keras-like layer lists) for 1D (NCW), 2D (NCHW) and 3D (NCDHW) data, checked
 * layer by layer ({@link convbench.core.spec.SpecShapes}) and built into DL4J networks
 * ({@link convbench.core.spec.NetworkBuilder}).
 */
package convbench.core.spec;
