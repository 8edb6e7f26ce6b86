package convbench.core.data;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Examples held in memory: a list, or the rows of a features array and a labels array. */
public final class ArraySource implements ExampleSource {
    private final List<Example> examples;

    public ArraySource(List<Example> examples) {
        if (examples.isEmpty())
            throw new IllegalArgumentException("no examples");
        this.examples = List.copyOf(examples);
    }

    /** @param features [N, ...]; @param labels [N, ...] or null */
    public static ArraySource of(INDArray features, INDArray labels) {
        if (labels != null && labels.size(0) != features.size(0))
            throw new IllegalArgumentException(features.size(0) + " feature rows but " + labels.size(0) + " label rows");
        List<Example> list = new ArrayList<>();
        for (long i = 0; i < features.size(0); i++)
            list.add(new Example(features.slice(i).dup(), labels == null ? null : labels.slice(i).dup()));
        return new ArraySource(list);
    }

    @Override
    public int size() {
        return examples.size();
    }

    @Override
    public Example get(int index) {
        return examples.get(index);
    }
}
