package convbench.ekg;

/** Time strings as PhysioNet's tools print them (for readouts and annotation lists). */
public final class TimeFormat {
    private TimeFormat() {
    }

    /**
     * The time column of {@code rdann}: elapsed {@code m:ss.mmm} (or {@code h:mm:ss.mmm}) without a base time,
     * otherwise the clock time {@code [hh:mm:ss.mmm]}.
     */
    public static String rdannTime(long sample, double fs, String baseTime) {
        long ms = Math.round(sample * 1000.0 / fs);
        if (baseTime == null)
            return elapsed(ms);
        long t = (ms + parseClockMillis(baseTime)) % (24L * 3600_000);
        return String.format("[%02d:%02d:%02d.%03d]", t / 3600_000, t / 60_000 % 60, t / 1000 % 60, t % 1000);
    }

    /** {@code m:ss.mmm}, or {@code h:mm:ss.mmm} from one hour on. */
    public static String elapsed(long ms) {
        long h = ms / 3600_000, m = ms / 60_000 % 60, s = ms / 1000 % 60, f = ms % 1000;
        return h > 0 ? String.format("%d:%02d:%02d.%03d", h, m, s, f) : String.format("%d:%02d.%03d", m, s, f);
    }

    /** Milliseconds after midnight of a WFDB base time ({@code [[h:]m:]s[.sss]}). */
    public static long parseClockMillis(String clock) {
        double s = 0;
        for (String part : clock.trim().split(":"))
            s = s * 60 + Double.parseDouble(part);
        return Math.round(s * 1000);
    }
}
