package convbench.core.importer;

import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs ND4J/DL4J code with the thread context class loader set to the loader that holds ND4J: inside OSGi, ND4J
 * finds its backend through ServiceLoader on that loader and fails for good when the first call sees another one.
 */
final class Nd4jContext {
    private Nd4jContext() {
    }

    interface Task<T, E extends Exception> {
        T run() throws E;
    }

    static <T, E extends Exception> T call(Task<T, E> task) throws E {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        // Nd4j.class does not initialise ND4J; it only names the bundle that holds it
        thread.setContextClassLoader(Nd4j.class.getClassLoader());
        try {
            return task.run();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
