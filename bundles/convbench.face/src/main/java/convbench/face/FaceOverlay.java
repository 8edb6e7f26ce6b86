package convbench.face;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;

/** Boxes, landmarks and labels drawn onto a copy of the photo (offscreen, headless). */
public final class FaceOverlay {
    private FaceOverlay() {
    }

    /** {@code labels}: one per face (null for none); "unknown" is drawn in red, identities in green. */
    public static BufferedImage draw(RgbImage photo, List<Face> faces, List<String> labels, boolean landmarks) {
        BufferedImage img = photo.toBufferedImage();
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            float scale = Math.max(1, Math.max(img.getWidth(), img.getHeight()) / 600f);
            g.setStroke(new BasicStroke(2 * scale));
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.round(14 * scale)));
            for (int i = 0; i < faces.size(); i++) {
                Face f = faces.get(i);
                String label = labels == null ? null : labels.get(i);
                Color c = label == null ? Color.YELLOW : "unknown".equals(label) ? Color.RED : Color.GREEN;
                g.setColor(c);
                FaceBox b = f.box();
                g.drawRect((int) Math.round(b.x()), (int) Math.round(b.y()), (int) Math.round(b.width()), (int) Math.round(b.height()));
                if (landmarks && f.landmarks() != null)
                    for (int k = 0; k < 68; k++)
                        g.fillOval((int) Math.round(f.x(k) - scale), (int) Math.round(f.y(k) - scale),
                                Math.round(2 * scale), Math.round(2 * scale));
                if (label != null) {
                    int tw = g.getFontMetrics().stringWidth(label) + 6, th = g.getFontMetrics().getHeight();
                    int x = (int) Math.round(b.x()), y = (int) Math.max(th, Math.round(b.y()));
                    g.fillRect(x, y - th, tw, th);
                    g.setColor(Color.BLACK);
                    g.drawString(label, x + 3, y - g.getFontMetrics().getDescent());
                }
            }
        } finally {
            g.dispose();
        }
        return img;
    }
}
