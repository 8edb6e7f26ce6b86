package convbench.ekg;

import java.util.Arrays;

/**
 * QRS detector after Pan and Tompkins (IEEE TBME 32(3), 1985): zero-phase 5-15 Hz band-pass, derivative, squaring,
 * a centred 150 ms moving-window integral, then adaptive signal/noise thresholds with search-back for missed beats
 * and T-wave discrimination by slope. Works at any sampling rate. Thread-safe (no state between calls).
 */
public final class QrsDetector {
    private final double lowHz = 5, highHz = 15;
    private final double windowSeconds = 0.15;
    private final double refractorySeconds = 0.2;
    private final double tWaveSeconds = 0.36;

    /** Beat positions (sample numbers of the R peaks) in lead {@code signal} of {@code rec}. */
    public int[] detect(EcgRecord rec, int signal) {
        return detect(rec.physical(signal), rec.fs());
    }

    /** Beat positions in the record's preferred lead ({@link #preferredLead}). */
    public int[] detect(EcgRecord rec) {
        return detect(rec, preferredLead(rec));
    }

    /** The lead to detect on: MLII where the record has it (MIT-BIH 114 stores it second), else lead II, else 0. */
    public static int preferredLead(EcgRecord rec) {
        for (String name : new String[] {"MLII", "II", "ECG"}) {
            int i = rec.indexOf(name);
            if (i >= 0)
                return i;
        }
        return 0;
    }

    /** Beat positions (sample numbers of the R peaks); NaN samples are held at the last valid value. */
    public int[] detect(float[] x, double fs) {
        int n = x.length;
        if (n < fs)
            return new int[0];
        double[] bp = new double[n];
        double last = 0;
        for (int i = 0; i < n; i++) {
            if (!Float.isNaN(x[i]))
                last = x[i];
            bp[i] = last;
        }
        Biquad.highPass(highPassOrderless(fs), fs).filtfilt(bp);
        Biquad.lowPass(highHz, fs).filtfilt(bp);
        // five-point derivative, squared
        double[] sq = new double[n];
        double[] slope = new double[n];
        double k = fs / 8;
        for (int i = 2; i < n - 2; i++) {
            double d = (-bp[i - 2] - 2 * bp[i - 1] + 2 * bp[i + 1] + bp[i + 2]) * k;
            slope[i] = Math.abs(d);
            sq[i] = d * d;
        }
        // centred moving-window integral: its peaks sit on the QRS, not behind it
        int w = Math.max(1, (int) Math.round(windowSeconds * fs));
        double[] mwi = new double[n];
        double acc = 0;
        int h = w / 2;
        for (int i = 0; i < n + h; i++) {
            if (i < n)
                acc += sq[i];
            if (i - w >= 0)
                acc -= sq[i - w];
            if (i - h >= 0 && i - h < n)
                mwi[i - h] = acc / w;
        }
        int refr = (int) Math.round(refractorySeconds * fs);
        int[] cand = localMaxima(mwi, refr);
        return decide(cand, mwi, slope, bp, fs, refr);
    }

    private double highPassOrderless(double fs) {
        return Math.min(lowHz, fs / 4);
    }

    /** Maxima that are the largest value within +-half of {@code dist} samples. */
    private static int[] localMaxima(double[] y, int dist) {
        int n = y.length, half = Math.max(1, dist / 2);
        int[] out = new int[n / Math.max(1, half) + 2];
        int c = 0;
        // sliding-window maximum via a monotone deque of indices
        int[] dq = new int[n];
        int head = 0, tail = 0;
        int next = 0; // next index to push
        for (int i = 0; i < n; i++) {
            while (next < n && next <= i + half) {
                while (tail > head && y[dq[tail - 1]] <= y[next])
                    tail--;
                dq[tail++] = next++;
            }
            while (dq[head] < i - half)
                head++;
            if (dq[head] == i && y[i] > 0 && (c == 0 || i - out[c - 1] > half)) {
                if (c == out.length)
                    out = Arrays.copyOf(out, c * 2);
                out[c++] = i;
            }
        }
        return Arrays.copyOf(out, c);
    }

    private int[] decide(int[] cand, double[] mwi, double[] slope, double[] bp, double fs, int refr) {
        int n = mwi.length;
        int learn = (int) Math.min(n, 2 * fs);
        double max = 0, mean = 0;
        for (int i = 0; i < learn; i++) {
            max = Math.max(max, mwi[i]);
            mean += mwi[i];
        }
        mean /= learn;
        double spk = 0.25 * max, npk = 0.5 * mean;
        int[] beats = new int[cand.length];
        double[] beatSlope = new double[cand.length];
        int nb = 0;
        int[] rr = new int[8];
        int nrr = 0;
        double rrAvg = fs; // 60 bpm until eight intervals are known
        int lastQrs = -refr * 4;
        int lastCand = 0; // first candidate after the last accepted beat (for search-back)
        int tw = (int) Math.round(tWaveSeconds * fs);
        int sw = (int) Math.round(0.075 * fs);
        for (int ci = 0; ci < cand.length; ci++) {
            int p = cand[ci];
            double thr1 = npk + 0.25 * (spk - npk), thr2 = 0.5 * thr1;
            // search-back: no beat for 1.66 mean RR -> take the largest candidate above the lower threshold
            if (nb > 0 && p - lastQrs > 1.66 * rrAvg) {
                int best = -1;
                for (int j = lastCand; j < ci; j++) {
                    int q = cand[j];
                    if (q - lastQrs > refr && mwi[q] > thr2 && (best < 0 || mwi[q] > mwi[cand[best]]))
                        best = j;
                }
                if (best >= 0) {
                    int q = cand[best];
                    spk = 0.25 * mwi[q] + 0.75 * spk;
                    beatSlope[nb] = maxIn(slope, q - sw, q + sw);
                    beats[nb++] = q;
                    nrr = addRr(rr, nrr, q - lastQrs);
                    rrAvg = mean(rr, nrr, rrAvg);
                    lastQrs = q;
                    lastCand = best + 1;
                    thr1 = npk + 0.25 * (spk - npk);
                }
            }
            if (p - lastQrs <= refr)
                continue;
            double v = mwi[p];
            if (v > thr1) {
                double s = maxIn(slope, p - sw, p + sw);
                if (nb > 0 && p - lastQrs < tw && s < 0.5 * beatSlope[nb - 1]) {
                    npk = 0.125 * v + 0.875 * npk; // T wave
                    continue;
                }
                spk = 0.125 * v + 0.875 * spk;
                beatSlope[nb] = s;
                beats[nb++] = p;
                if (nb > 1) {
                    nrr = addRr(rr, nrr, p - lastQrs);
                    rrAvg = mean(rr, nrr, rrAvg);
                }
                lastQrs = p;
                lastCand = ci + 1;
            } else {
                npk = 0.125 * v + 0.875 * npk;
            }
        }
        // place each beat on the largest deflection of the band-passed signal near the integral's peak
        int[] out = new int[nb];
        for (int i = 0; i < nb; i++) {
            int a = Math.max(0, beats[i] - sw), b = Math.min(n - 1, beats[i] + sw), best = beats[i];
            for (int j = a; j <= b; j++)
                if (Math.abs(bp[j]) > Math.abs(bp[best]))
                    best = j;
            out[i] = best;
        }
        return out;
    }

    private static int addRr(int[] rr, int nrr, int v) {
        if (nrr < rr.length) {
            rr[nrr] = v;
            return nrr + 1;
        }
        System.arraycopy(rr, 1, rr, 0, rr.length - 1);
        rr[rr.length - 1] = v;
        return nrr;
    }

    private static double mean(int[] rr, int nrr, double fallback) {
        if (nrr == 0)
            return fallback;
        double s = 0;
        for (int i = 0; i < nrr; i++)
            s += rr[i];
        return s / nrr;
    }

    private static double maxIn(double[] y, int a, int b) {
        double m = 0;
        for (int i = Math.max(0, a); i <= Math.min(y.length - 1, b); i++)
            m = Math.max(m, y[i]);
        return m;
    }

    /** A second-order Butterworth section (bilinear transform), applied forward and backward for zero phase. */
    static final class Biquad {
        final double b0, b1, b2, a1, a2;

        Biquad(double b0, double b1, double b2, double a1, double a2) {
            this.b0 = b0;
            this.b1 = b1;
            this.b2 = b2;
            this.a1 = a1;
            this.a2 = a2;
        }

        static Biquad lowPass(double fc, double fs) {
            double k = Math.tan(Math.PI * fc / fs), q = Math.sqrt(2), norm = 1 / (1 + q * k + k * k);
            double b0 = k * k * norm;
            return new Biquad(b0, 2 * b0, b0, 2 * (k * k - 1) * norm, (1 - q * k + k * k) * norm);
        }

        static Biquad highPass(double fc, double fs) {
            double k = Math.tan(Math.PI * fc / fs), q = Math.sqrt(2), norm = 1 / (1 + q * k + k * k);
            return new Biquad(norm, -2 * norm, norm, 2 * (k * k - 1) * norm, (1 - q * k + k * k) * norm);
        }

        void filtfilt(double[] x) {
            run(x, true);
            run(x, false);
        }

        private void run(double[] x, boolean forward) {
            int n = x.length;
            // start from the first value's steady state so the edges do not ring
            double x0 = forward ? x[0] : x[n - 1];
            double gain = (b0 + b1 + b2) / (1 + a1 + a2);
            double y0 = Double.isFinite(gain) ? x0 * gain : 0;
            double xm1 = x0, xm2 = x0, ym1 = y0, ym2 = y0;
            for (int t = 0; t < n; t++) {
                int i = forward ? t : n - 1 - t;
                double xi = x[i];
                double y = b0 * xi + b1 * xm1 + b2 * xm2 - a1 * ym1 - a2 * ym2;
                xm2 = xm1;
                xm1 = xi;
                ym2 = ym1;
                ym1 = y;
                x[i] = y;
            }
        }
    }
}
