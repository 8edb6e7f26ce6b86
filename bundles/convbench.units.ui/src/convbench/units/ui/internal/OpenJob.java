package convbench.units.ui.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.IntFunction;

import convbench.compute.ComputeJob;
import convbench.compute.JobContext;
import convbench.compute.Lane;
import convbench.core.data.ExampleSource;
import convbench.core.model.LoadedModel;
import convbench.core.units.UnitInputs;

/** Reads the model file and opens the data, as the units command does; checks that the data fit the model. */
record OpenJob(Path modelFile, Path dataPath) implements ComputeJob<OpenJob.Opened> {
    /** The model and its data, open until {@link #close()}. */
    record Opened(String title, LoadedModel model, ExampleSource data, IntFunction<String> names) {
        void close() {
            try {
                UnitInputs.close(data);
            } catch (IOException e) {
                UnitsUi.LOG.warn("closing " + title + ": " + e.getMessage());
            }
        }
    }

    @Override
    public String name() {
        return "Open " + modelFile.getFileName() + " and " + dataPath.getFileName() + " for the Unit Explorer";
    }

    @Override
    public Lane lane() {
        return Lane.DEVICE;
    }

    @Override
    public long memoryBytes() {
        return 256L << 20;
    }

    @Override
    public Opened run(JobContext context) throws IOException {
        context.progress(0.1, "reading " + modelFile.getFileName());
        LoadedModel model = UnitInputs.loadModel(modelFile);
        context.checkCancelled();
        context.progress(0.7, "opening " + dataPath.getFileName());
        ExampleSource data = UnitInputs.openData(dataPath, model.inputShape());
        try {
            model.checkInput(data.featureShape());
        } catch (RuntimeException e) {
            UnitInputs.close(data);
            throw e;
        }
        return new Opened(modelFile.getFileName() + " on " + dataPath.getFileName(), model, data,
                UnitInputs.names(data, dataPath));
    }
}
