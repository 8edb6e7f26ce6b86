package convbench.compute;

/**
 * What ND4J runs on.
 *
 * @param backend      "CPU" or "CUDA"
 * @param device       CPU model or GPU name
 * @param cores        cores available to the JVM
 * @param memoryBytes  memory the device lane may use (physical RAM for CPU, device memory for CUDA)
 * @param cudaVersion  null on the CPU backend
 * @param nativeLibrary the ND4J native library that was loaded (e.g. the oneDNN/AVX2 build)
 * @param note         why a GPU that is present is not used, or null
 */
public record DeviceInfo(String backend, String device, int cores, long memoryBytes, String cudaVersion,
        String nativeLibrary, String note) {
}
