package convbench.ekg;

import java.util.List;

/**
 * The five AAMI EC57 beat classes and the standard MIT-BIH protocol lists. Map (mitdb README): N = {N, L, R, e, j},
 * S = {A, a, J, S}, V = {V, E}, F = {F}, Q = {/, f, Q}; e and j are counted as N here.
 */
public enum AamiClass {
    N, S, V, F, Q;

    /** Paced records, excluded from AAMI-style evaluation. */
    public static final List<String> PACED = List.of("102", "104", "107", "217");
    /** de Chazal et al. 2004 inter-patient training set. */
    public static final List<String> DS1 = List.of("101", "106", "108", "109", "112", "114", "115", "116", "118",
            "119", "122", "124", "201", "203", "205", "207", "208", "209", "215", "220", "223", "230");
    /** de Chazal et al. 2004 inter-patient test set. */
    public static final List<String> DS2 = List.of("100", "103", "105", "111", "113", "117", "121", "123", "200",
            "202", "210", "212", "213", "214", "219", "221", "222", "228", "231", "232", "233", "234");

    /** The class of an MIT-BIH beat symbol, or {@code null} for a non-beat annotation. */
    public static AamiClass of(String symbol) {
        return switch (symbol) {
            case "N", "L", "R", "e", "j" -> N;
            case "A", "a", "J", "S" -> S;
            case "V", "E" -> V;
            case "F" -> F;
            case "/", "f", "Q" -> Q;
            default -> null;
        };
    }

    /** The class of an annotation, or {@code null} when it is not a beat. */
    public static AamiClass of(Annotation a) {
        return of(a.symbol());
    }
}
