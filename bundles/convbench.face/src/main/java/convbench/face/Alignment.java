package convbench.face;

/** How a detected face becomes the recognition network's 150x150 input. */
public enum Alignment {
    /**
     * dlib's face chip (what the network was trained on): a similarity transform (rotation, scale, shift) that
     * puts the eyes, nose and mouth landmarks on dlib's mean-face positions, 150x150 with 25 % padding.
     */
    DLIB_CHIP("dlib-chip"),
    /** face-api's own: an upright square around the eyes and mouth (its "dlib alignment" box), resized; no rotation. */
    FACEAPI_BOX("faceapi-box");

    private final String id;

    Alignment(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Alignment fromId(String id) {
        for (Alignment a : values())
            if (a.id.equalsIgnoreCase(id))
                return a;
        throw new IllegalArgumentException("unknown alignment '" + id + "' (dlib-chip or faceapi-box)");
    }
}
