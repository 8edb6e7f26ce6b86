package convbench.compute.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.factory.Nd4j;

import convbench.compute.DeviceInfo;

/** Finds out what ND4J runs on, and says in words why a GPU that is present is not used. */
final class DeviceProbe {
    /** Newest compute capability the ND4J 1.0.0-M2.1 CUDA 11.6 build targets (Ampere, sm_86). */
    static final double NEWEST_SUPPORTED_COMPUTE_CAPABILITY = 8.6;

    private DeviceProbe() {
    }

    /** Must run with ND4J's class loader as the thread context class loader. */
    static DeviceInfo probe() {
        String backendClass = Nd4j.getBackend().getClass().getName();
        boolean cuda = backendClass.contains("JCublas") || backendClass.toLowerCase().contains("cuda");
        Properties env = Nd4j.getExecutioner().getEnvironmentInformation();
        int cores = Runtime.getRuntime().availableProcessors();
        String nativeLibrary = Loader.getLoadedLibraries().entrySet().stream()
                .filter(e -> e.getKey().contains("jnind4j")).map(Map.Entry::getValue).findFirst().orElse("unknown");
        GpuListing gpu = GpuListing.query();
        if (cuda) {
            String name = "CUDA device";
            long memory = 0;
            Object devices = env.get("cuda.availableDevices");
            if (devices instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Map<?, ?> first) {
                name = String.valueOf(first.get("cuda.deviceName"));
                Object total = first.get("cuda.totalMemory");
                if (total instanceof Number n)
                    memory = n.longValue();
            }
            return new DeviceInfo("CUDA", name, cores, memory, "11.6", nativeLibrary, null);
        }
        String note = null;
        if (gpu != null) {
            boolean cudaBuild = hasClass("org.nd4j.linalg.jcublas.JCublasBackend");
            note = !cudaBuild
                    ? gpu.name + " (compute capability " + gpu.computeCapability
                            + ") is present, but this ConvBench was built for the CPU only: rebuild with -Pcuda"
                    : gpu.computeCapability > NEWEST_SUPPORTED_COMPUTE_CAPABILITY
                            ? gpu.name + " has compute capability " + gpu.computeCapability
                                    + ", newer than the CUDA 11.6 build of ND4J 1.0.0-M2.1 supports (up to "
                                    + NEWEST_SUPPORTED_COMPUTE_CAPABILITY + "): running on the CPU"
                            : gpu.name + " is present but ND4J's CUDA backend did not load: running on the CPU";
        }
        return new DeviceInfo("CPU", cpuModel(), cores, cpuMemory(), null, nativeLibrary, note);
    }

    /** Physical RAM, bounded by what JavaCPP lets ND4J allocate (heap plus native). */
    static long cpuMemory() {
        long physical = Memory.physical();
        long javacppLimit = Pointer.maxPhysicalBytes();
        return javacppLimit > 0 ? Math.min(physical, javacppLimit) : physical;
    }

    static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo")))
                if (line.startsWith("model name"))
                    return line.substring(line.indexOf(':') + 1).trim();
        } catch (IOException | RuntimeException e) {
            // not Linux: fall through to the generic name
        }
        return System.getProperty("os.arch") + " CPU";
    }

    private static boolean hasClass(String name) {
        try {
            Class.forName(name, false, Thread.currentThread().getContextClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** The first NVIDIA GPU as nvidia-smi lists it, or null when there is none. */
    record GpuListing(String name, double computeCapability) {
        static GpuListing query() {
            try {
                Process p = new ProcessBuilder("nvidia-smi", "--query-gpu=name,compute_cap", "--format=csv,noheader")
                        .redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes()).trim();
                if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0 || out.isEmpty())
                    return null;
                String[] parts = out.lines().findFirst().orElse("").split(",");
                return new GpuListing(parts[0].trim(), Double.parseDouble(parts[1].trim()));
            } catch (IOException | RuntimeException e) {
                return null; // no nvidia-smi: no NVIDIA GPU to talk about
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
    }
}
