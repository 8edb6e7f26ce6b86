package convbench.ekg;

/**
 * One lead or channel of a record as the UI shows it.
 *
 * @param name     lead name, e.g. {@code MLII}
 * @param units    physical units, e.g. {@code mV}
 * @param gain     ADC units per physical unit (1 for readers that deliver physical values directly)
 * @param baseline ADC value that corresponds to 0 physical units
 */
public record SignalInfo(String name, String units, double gain, double baseline) {
}
