package io.vst.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Paint;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jfree.chart.annotations.AbstractXYAnnotation;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.XYPlot;

/**
 * The names of steps (along the top of the plot) and checkpoints (along the bottom) laid out so that no two
 * overlap, whatever the zoom: a name is cut to the room before the next marker ("grow_vec…") when at least a
 * few letters fit, else it moves to the next of {@link #ROWS} rows (near the right edge it goes to the left of
 * its marker), and where every row is taken it is left out. Hovering a marker shows its whole name either way (a tooltip over the marker line and over its label).
 *
 * <pre>{@code
 * MarkerLabels labels = new MarkerLabels();
 * labels.add("load", 0.0, false);       // a step that started at 0 s
 * labels.add("loaded", 12.5, true);     // a checkpoint at 12.5 s
 * plot.addAnnotation(labels);
 * }</pre>
 */
public final class MarkerLabels extends AbstractXYAnnotation {

    /** Rows of labels along each edge. */
    public static final int ROWS = 3;
    private static final double GAP = 4;
    private static final String ELLIPSIS = "…";
    /** Fewest letters of a cut name; a name that cannot keep as many staggers instead. */
    private static final int MIN_LETTERS = 3;

    private List<Marker> markers = new ArrayList<>();
    private final Font font;
    private Paint stepPaint = Color.DARK_GRAY;
    private Paint checkpointPaint = new Color(0x44, 0x44, 0x44);
    private List<Drawn> drawn = List.of();
    private List<String> leftOut = List.of();

    /** A named marker at {@code atSeconds}; checkpoints label the bottom edge, steps the top. */
    private record Marker(String name, double atSeconds, boolean checkpoint) {
    }

    /** A label as last drawn: the whole name, the text drawn and its bounds in the chart's coordinates. */
    public record Drawn(String name, String text, Rectangle2D bounds, boolean checkpoint) {
    }

    /** Labels in an 11-point sans-serif font. */
    public MarkerLabels() {
        this(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    }

    /** Labels in {@code font}. */
    public MarkerLabels(Font font) {
        this.font = font;
    }

    /** Adds the label of a step ({@code checkpoint} false) or a checkpoint at {@code atSeconds}. */
    public void add(String name, double atSeconds, boolean checkpoint) {
        markers.add(new Marker(name, atSeconds, checkpoint));
        fireAnnotationChanged();
    }

    /** Forgets the oldest {@code n} labels of steps or checkpoints (a live chart keeps the latest ones). */
    public void dropOldest(boolean checkpoint, int n) {
        for (int i = 0, dropped = 0; i < markers.size() && dropped < n; ) {
            if (markers.get(i).checkpoint() == checkpoint) {
                markers.remove(i);
                dropped++;
            } else {
                i++;
            }
        }
        fireAnnotationChanged();
    }

    /** Forgets every label. */
    public void clear() {
        markers.clear();
        drawn = List.of();
        leftOut = List.of();
        fireAnnotationChanged();
    }

    /** The colours of step and checkpoint labels (a theme sets them). */
    public void setPaints(Paint steps, Paint checkpoints) {
        stepPaint = steps;
        checkpointPaint = checkpoints;
        fireAnnotationChanged();
    }

    /** The labels as last drawn. */
    public List<Drawn> drawn() {
        return drawn;
    }

    /** The names left out when last drawn (all rows taken); their markers still show them on hover. */
    public List<String> leftOut() {
        return leftOut;
    }

    /** A copy with its own list of labels (a chart's snapshot is drawn on another thread). */
    @Override
    public Object clone() throws CloneNotSupportedException {
        MarkerLabels copy = (MarkerLabels) super.clone();
        copy.markers = new ArrayList<>(markers);
        return copy;
    }

    @Override
    public void draw(Graphics2D g2, XYPlot plot, Rectangle2D dataArea, ValueAxis domainAxis, ValueAxis rangeAxis,
            int rendererIndex, PlotRenderingInfo info) {
        FontMetrics fm = g2.getFontMetrics(font);
        List<Drawn> out = new ArrayList<>();
        List<String> left = new ArrayList<>();
        for (boolean checkpoint : new boolean[] {false, true}) {
            List<Marker> kind = markers.stream().filter(m -> m.checkpoint() == checkpoint)
                    .sorted(Comparator.comparingDouble(Marker::atSeconds)).toList();
            double[] rowEnd = new double[ROWS];
            java.util.Arrays.fill(rowEnd, Double.NEGATIVE_INFINITY);
            for (int i = 0; i < kind.size(); i++) {
                Marker m = kind.get(i);
                double x = domainAxis.valueToJava2D(m.atSeconds(), dataArea, plot.getDomainAxisEdge());
                if (x < dataArea.getMinX() - 0.5 || x > dataArea.getMaxX() + 0.5) {
                    continue;
                }
                String full = checkpoint ? "◆ " + m.name() : m.name();
                addEntity(info, new Rectangle2D.Double(x - 3, dataArea.getMinY(), 6, dataArea.getHeight()),
                        rendererIndex, m.name(), null);
                double next = i + 1 < kind.size() ? domainAxis.valueToJava2D(kind.get(i + 1).atSeconds(), dataArea,
                        plot.getDomainAxisEdge()) : dataArea.getMaxX();
                Drawn d = place(fm, m.name(), full, x, Math.min(next, dataArea.getMaxX()), dataArea, rowEnd,
                        checkpoint);
                if (d == null) {
                    left.add(m.name());
                    continue;
                }
                g2.setFont(font);
                g2.setPaint(checkpoint ? checkpointPaint : stepPaint);
                g2.drawString(d.text(), (float) d.bounds().getMinX(), (float) (d.bounds().getMinY() + fm.getAscent()));
                addEntity(info, d.bounds(), rendererIndex, m.name(), null);
                out.add(d);
            }
        }
        drawn = List.copyOf(out);
        leftOut = List.copyOf(left);
    }

    /**
     * Where the label of a marker at {@code x} goes: cut to the room before {@code next} in the first free
     * row when a few letters fit there, else whole in the first free row it fits in, else nowhere (null).
     */
    private static Drawn place(FontMetrics fm, String name, String full, double x, double next, Rectangle2D area,
            double[] rowEnd, boolean checkpoint) {
        double h = fm.getHeight();
        for (int row = 0; row < ROWS; row++) {
            double start = x + 2;
            if (rowEnd[row] + GAP > start) {
                continue;
            }
            double room = Math.min(next, area.getMaxX()) - GAP - start;
            String text = fit(fm, full, room);
            if (text == null) {
                // Too little room before the next marker: the whole name, in this row if it fits before the edge
                // (the next marker's label then takes another row).
                text = fit(fm, full, area.getMaxX() - start);
            }
            if (text == null) {
                // Near the right edge: the whole name to the left of its marker, if that room is free.
                double w = fm.stringWidth(full);
                if (x - 2 - w < Math.max(area.getMinX(), rowEnd[row] + GAP)) {
                    continue;
                }
                text = full;
                start = x - 2 - w;
            }
            double w = fm.stringWidth(text);
            double y = checkpoint ? area.getMaxY() - 2 - (row + 1) * h : area.getMinY() + 2 + row * h;
            rowEnd[row] = start + w;
            return new Drawn(name, text, new Rectangle2D.Double(start, y, w, h), checkpoint);
        }
        return null;
    }

    /** {@code text} whole when it fits {@code room}, else cut with an ellipsis, or null when too few letters fit. */
    static String fit(FontMetrics fm, String text, double room) {
        if (fm.stringWidth(text) <= room) {
            return text;
        }
        for (int n = text.length() - 1; n >= MIN_LETTERS; n--) {
            String cut = text.substring(0, n) + ELLIPSIS;
            if (fm.stringWidth(cut) <= room) {
                return cut;
            }
        }
        return null;
    }
}
