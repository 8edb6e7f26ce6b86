package convbench.dl4j;

/**
 * Every ND4J/DL4J entry point runs through here. ND4J resolves its backend (ServiceLoader), op classes and
 * Jackson subtypes through the thread context class loader; inside OSGi that loader is whatever the caller had
 * (UI thread, job worker, test runner) and cannot see the embedded jars. A failed first initialisation poisons
 * ND4J's static state until the bundle is refreshed, so the first use especially must come through here.
 */
public final class Nd4jContext {
    private Nd4jContext() {
    }

    /** The class loader of this bundle: it sees every embedded jar. */
    public static ClassLoader classLoader() {
        return Nd4jContext.class.getClassLoader();
    }

    /** Runs {@code body} with ND4J's class loader; it throws what the body throws (nothing checked for a plain lambda). */
    public static <T, E extends Exception> T call(Body<T, E> body) throws E {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(classLoader());
        try {
            return body.call();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    public static <E extends Exception> void run(ThrowingRunnable<E> body) throws E {
        call(() -> {
            body.run();
            return null;
        });
    }

    /** A {@link java.util.concurrent.Callable} whose checked exception type the compiler keeps track of. */
    @FunctionalInterface
    public interface Body<T, E extends Exception> {
        T call() throws E;
    }

    @FunctionalInterface
    public interface ThrowingRunnable<E extends Exception> {
        void run() throws E;
    }
}
