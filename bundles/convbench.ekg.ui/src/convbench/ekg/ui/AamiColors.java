package convbench.ekg.ui;

import org.eclipse.swt.graphics.RGB;

import convbench.ekg.AamiClass;

/** The colour of each AAMI beat class on ECG paper (chosen to stay readable on the pink grid). */
public final class AamiColors {
    private AamiColors() {
    }

    public static RGB of(AamiClass c) {
        if (c == null)
            return new RGB(110, 110, 110);
        return switch (c) {
            case N -> new RGB(20, 20, 20);
            case S -> new RGB(0, 90, 220);
            case V -> new RGB(200, 0, 30);
            case F -> new RGB(225, 120, 0);
            case Q -> new RGB(130, 0, 170);
        };
    }
}
