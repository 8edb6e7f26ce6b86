package convbench.compute.internal;

import java.lang.management.ManagementFactory;

/** Memory sizes: the machine's, and byte counts for people. */
public final class Memory {
    private Memory() {
    }

    /** Physical RAM of the machine (the JVM's heap limit where the OS bean cannot tell). */
    public static long physical() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os)
            return os.getTotalMemorySize();
        return Runtime.getRuntime().maxMemory();
    }

    public static String human(long bytes) {
        if (bytes < 1024)
            return bytes + " B";
        String[] units = { "KiB", "MiB", "GiB", "TiB" };
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format("%.1f %s", v, units[u]);
    }
}
