package convbench.face;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The networks' input made without the padded square in memory is, value for value, face-api's pipeline as
 * RgbImage spells it out: padToSquare, resizeBilinear, minus the channel means, over 255, channels first.
 */
class NormalisedInputTest {
    static float[] reference(RgbImage img, int size, boolean centre, float[] mean) {
        RgbImage sq = img.padToSquare(centre).resizeBilinear(size, size);
        float[] out = new float[3 * size * size];
        int plane = size * size;
        for (int i = 0; i < plane; i++)
            for (int c = 0; c < 3; c++)
                out[c * plane + i] = (sq.data()[3 * i + c] - mean[c]) / 255f;
        return out;
    }

    @Test
    void sameValuesAsPaddingThenResizing() {
        Random r = new Random(7);
        float[] mean = {117.001f, 114.697f, 97.404f};
        int[][] shapes = {{640, 480}, {480, 640}, {416, 416}, {150, 150}, {151, 149}, {97, 203}, {2000, 1428}, {120, 150}};
        for (int[] s : shapes) {
            float[] px = new float[s[0] * s[1] * 3];
            for (int i = 0; i < px.length; i++)
                px[i] = r.nextInt(256);
            RgbImage img = new RgbImage(s[0], s[1], px);
            for (int size : new int[] {416, 150, 112})
                for (boolean centre : new boolean[] {false, true})
                    assertArrayEquals(reference(img, size, centre, mean), img.toNormalisedChw(size, centre, mean),
                            s[0] + "x" + s[1] + " to " + size + (centre ? " centred" : ""));
        }
    }
}
