package convbench.dl4j;

import java.util.concurrent.Callable;

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

    public static <T> T call(Callable<T> body) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(classLoader());
        try {
            return body.call();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    public static void run(ThrowingRunnable body) throws Exception {
        call(() -> {
            body.run();
            return null;
        });
    }

    @FunctionalInterface
    public interface ThrowingRunnable {
        void run() throws Exception;
    }
}
