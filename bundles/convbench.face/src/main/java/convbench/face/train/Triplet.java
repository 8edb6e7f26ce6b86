package convbench.face.train;

/**
 * One chosen triplet: indices of anchor, positive and negative in the batch, with the squared distances
 * d(A,P) = ||f(A)-f(P)||^2 and d(A,N) that the embeddings had when it was chosen.
 */
public record Triplet(int anchor, int positive, int negative, double dAP, double dAN) {
    /** The seed's L(A,P,N) = max(d(A,P) - d(A,N) + alpha, 0) at the distances of the choice. */
    public double loss(double alpha) {
        return Math.max(dAP - dAN + alpha, 0);
    }
}
