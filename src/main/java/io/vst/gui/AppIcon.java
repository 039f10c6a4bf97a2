package io.vst.gui;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Image;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * The application icon, drawn from the same shapes as {@code icons/vst.svg} (a 256-unit canvas): the
 * window icon at run time, and the installer's PNG sizes with {@code java -cp target/classes
 * io.vst.gui.AppIcon icons}.
 */
public final class AppIcon {

    /** The sizes written to icons/. */
    static final int[] SIZES = {16, 24, 32, 48, 64, 128, 256, 512};

    private AppIcon() {
    }

    /** Writes {@code vst-SIZE.png} for each size into the folder given (default {@code icons}). */
    public static void main(String[] args) throws IOException {
        File dir = new File(args.length > 0 ? args[0] : "icons");
        for (int size : SIZES) {
            ImageIO.write(draw(size), "png", new File(dir, "vst-" + size + ".png"));
        }
    }

    /** The icon at the window sizes desktops ask for. Any thread. */
    public static List<Image> windowImages() {
        List<Image> out = new ArrayList<>();
        for (int size : new int[] {16, 32, 48, 64, 128}) {
            out.add(draw(size));
        }
        return out;
    }

    /** The icon at {@code size} pixels. Any thread. */
    public static BufferedImage draw(int size) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.scale(size / 256.0, size / 256.0);
        g.setColor(new Color(0x0B5D6B));
        g.fill(new RoundRectangle2D.Double(8, 8, 240, 240, 88, 88));
        int[][] bars = {{44, 150, 62}, {90, 118, 94}, {136, 134, 78}, {182, 96, 116}};
        for (int i = 0; i < bars.length; i++) {
            g.setColor(new Color(i % 2 == 0 ? 0xE0F2F1 : 0xB2DFDB));
            g.fill(new RoundRectangle2D.Double(bars[i][0], bars[i][1], 36, bars[i][2], 12, 12));
        }
        Path2D line = new Path2D.Double();
        line.moveTo(44, 104);
        line.lineTo(90, 78);
        line.lineTo(136, 92);
        line.lineTo(182, 52);
        line.lineTo(218, 64);
        g.setColor(new Color(0xFFB300));
        g.setStroke(new BasicStroke(12, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(line);
        g.dispose();
        return img;
    }
}
