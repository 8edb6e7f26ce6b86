package convbench.core.units;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.nd4j.linalg.api.buffer.DataType;

/** The result of a unit exploration: the top patches, best first. */
public record UnitReport(String layer, int unit, int[] layerShape, int[] inputShape, int scanned, List<UnitPatch> top) {
    /**
     * A JSON-ready map. {@code name} turns an example index into a label (e.g. the file); with {@code withPatches}
     * each patch's values are included (flattened, C order).
     */
    public Map<String, Object> toMap(IntFunction<String> name, boolean withPatches) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("layer", layer);
        m.put("unit", unit);
        m.put("layerShape", layerShape);
        m.put("inputShape", inputShape);
        m.put("scanned", scanned);
        List<Object> items = new ArrayList<>();
        for (UnitPatch p : top) {
            Map<String, Object> i = new LinkedHashMap<>();
            i.put("index", p.example());
            if (name != null)
                i.put("source", name.apply(p.example()));
            i.put("activation", p.activation());
            i.put("position", p.position());
            i.put("start", p.start());
            i.put("end", p.end());
            i.put("patchShape", p.patch().shape());
            if (withPatches)
                i.put("patch", p.patch().castTo(DataType.FLOAT).dup('c').data().asFloat());
            items.add(i);
        }
        m.put("top", items);
        return m;
    }
}
