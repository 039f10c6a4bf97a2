package io.vst.gui.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vst.gui.live.FeedBatch;
import io.vst.metrics.Sample;
import io.vst.metrics.TimelineColumns;
import io.vst.report.ChartCatalog;
import java.awt.GraphicsEnvironment;
import java.awt.Point;
import java.awt.event.MouseEvent;
import java.awt.geom.Rectangle2D;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import javax.swing.JFrame;
import org.assertj.swing.core.BasicRobot;
import org.assertj.swing.core.MouseButton;
import org.assertj.swing.core.Robot;
import org.assertj.swing.edt.GuiActionRunner;
import org.jfree.chart.ChartPanel;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.Range;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The live charts under a real mouse (Xvfb): a drag-zoom on the memory chart sets the same time range on
 * every other chart, the auto-range reset restores all, the crosshair follows the mouse to the same time on
 * every chart, and hovering a point reads its value in its unit, as the test computes from the sample.
 */
class LiveChartsSyncGuiTest {

    private static final double MIB = 1024.0 * 1024;
    private Robot robot;
    private JFrame frame;
    private LiveChartsPanel charts;

    private static Sample sample(int t) {
        Map<String, Double> v = new HashMap<>();
        v.put(TimelineColumns.USED_MEMORY, (t + 1) * MIB);
        v.put(TimelineColumns.LIVE_VECTORS, 100.0 * t);
        v.put(TimelineColumns.operation("ingest", "count"), 500.0);
        v.put(TimelineColumns.operation("ingest", "ops_per_s"), 5000.0 + t);
        v.put(TimelineColumns.operation("ingest", "p50_ms"), 0.8);
        v.put(TimelineColumns.operation("ingest", "p99_ms"), 2.5);
        v.put(TimelineColumns.operation("ingest", "p999_ms"), 4.0);
        v.put(TimelineColumns.operation("ingest", "max_ms"), 9.0);
        return new Sample(Instant.EPOCH.plusSeconds(t), t, "load", v);
    }

    @BeforeEach
    void open() {
        assumeTrue(!GraphicsEnvironment.isHeadless() && System.getenv("DISPLAY") != null, "no display (xvfb-run)");
        robot = BasicRobot.robotWithNewAwtHierarchy();
        List<Sample> samples = new ArrayList<>();
        for (int t = 0; t <= 40; t++) {
            samples.add(sample(t));
        }
        frame = GuiActionRunner.execute(() -> {
            JFrame f = new JFrame("charts");
            charts = new LiveChartsPanel();
            f.add(charts);
            f.setBounds(0, 0, 1500, 900);
            charts.apply(new FeedBatch(null, List.of(), List.of(), Map.of(), samples, List.of(), List.of(),
                    io.vst.rundir.RunOutcome.COMPLETED, null, null));
            f.setVisible(true);
            return f;
        });
        robot.waitForIdle();
    }

    @AfterEach
    void close() {
        if (robot != null) {
            GuiActionRunner.execute(() -> frame.dispose());
            robot.cleanUp();
        }
    }

    private static <T> T edt(Callable<T> c) {
        return GuiActionRunner.execute(c);
    }

    private Range domain(String chart) {
        return edt(() -> ((XYPlot) charts.panels().get(chart).getChart().getPlot()).getDomainAxis().getRange());
    }

    /** Where (panel pixels) the point at {@code seconds}, {@code value} of {@code chart} is drawn. */
    private Point at(String chart, double seconds, double value) {
        return edt(() -> {
            ChartPanel p = charts.panels().get(chart);
            XYPlot plot = (XYPlot) p.getChart().getPlot();
            Rectangle2D area = p.getScreenDataArea();
            return new Point((int) Math.round(plot.getDomainAxis().valueToJava2D(seconds, area,
                    plot.getDomainAxisEdge())), (int) Math.round(plot.getRangeAxis().valueToJava2D(value, area,
                    plot.getRangeAxisEdge())));
        });
    }

    @Test
    void aDragZoomOnOneChartZoomsEveryChartAndTheResetRestoresAll() {
        List<String> ids = edt(() -> List.copyOf(charts.panels().keySet()));
        assertThat(ids).contains("memory", "throughput", "latency-ingest", "vectors", "latency-query");
        Range full = domain("memory");
        for (String id : ids) {
            assertThat(domain(id)).as(id + " shares the time axis before any zoom").isEqualTo(full);
        }
        ChartPanel memory = edt(() -> charts.panels().get("memory"));
        Point from = at("memory", 10, 2 * MIB / MIB);
        Point to = at("memory", 25, 1);
        // Down and to the right, as a user zooms: from 10 s to 25 s.
        robot.pressMouse(memory, new Point(from.x, from.y - 60), MouseButton.LEFT_BUTTON);
        robot.moveMouse(memory, new Point((from.x + to.x) / 2, to.y - 30));
        robot.moveMouse(memory, new Point(to.x, to.y - 10));
        robot.releaseMouse(MouseButton.LEFT_BUTTON);
        robot.waitForIdle();
        Range zoomed = domain("memory");
        assertThat(zoomed.getLowerBound()).isCloseTo(10, within(0.5));
        assertThat(zoomed.getUpperBound()).isCloseTo(25, within(0.5));
        for (String id : ids) {
            assertThat(domain(id)).as(id + " follows the zoom").isEqualTo(zoomed);
        }
        // The context menu's "Auto Range > Both Axes" on another chart.
        GuiActionRunner.execute(() -> charts.panels().get("throughput").restoreAutoBounds());
        robot.waitForIdle();
        // Every chart, with data or saying why not, shows the whole run again: 0 s to the last sample.
        for (String id : ids) {
            assertThat(domain(id)).as(id + " is reset").isEqualTo(full);
        }
        assertThat(full.getLowerBound()).isEqualTo(0);
        assertThat(full.getUpperBound()).isBetween(40.0, 41.0);
    }

    @Test
    void theCrosshairShowsTheSameTimeOnEveryChart() {
        ChartPanel latency = edt(() -> charts.panels().get("latency-ingest"));
        Point p = at("latency-ingest", 20, 3);
        robot.moveMouse(latency, p);
        robot.moveMouse(latency, new Point(p.x + 1, p.y));
        robot.waitForIdle();
        List<Double> times = edt(() -> charts.crosshairTimes());
        assertThat(times).hasSize(edt(() -> charts.panels().size())).isNotEmpty();
        double t = times.get(0);
        assertThat(t).isCloseTo(20, within(0.5));
        assertThat(times).allMatch(x -> x == t);
        robot.moveMouse(frame, new Point(5, 5));
        robot.waitForIdle();
        assertThat(edt(() -> charts.crosshairTimes())).allMatch(x -> Double.isNaN(x));
    }

    @Test
    void hoveringAPointReadsItsValueInItsUnit() {
        robot.waitForIdle();
        assertThat(tooltip("memory", 12, 13)).isEqualTo("used_memory: 13.00 MiB at 12.0 s");
        assertThat(tooltip("latency-ingest", 30, 0.8)).isEqualTo("ingest p50: 800 µs at 30.0 s");
        assertThat(tooltip("latency-ingest", 30, 2.5)).isEqualTo("ingest p99: 2.50 ms at 30.0 s");
        assertThat(tooltip("throughput", 7, 5007)).isEqualTo("ingest: 5,007 ops/s at 7.0 s");
        assertThat(tooltip("vectors", 5, 500)).isEqualTo("live vectors: 500 at 5.0 s");
        assertThat(ChartCatalog.ALWAYS_SHOWN).contains("memory", "throughput");
    }

    private String tooltip(String chart, double seconds, double value) {
        Point p = at(chart, seconds, value);
        ChartPanel panel = edt(() -> charts.panels().get(chart));
        robot.moveMouse(panel, p);
        robot.waitForIdle();
        return edt(() -> panel.getToolTipText(new MouseEvent(panel, MouseEvent.MOUSE_MOVED,
                System.currentTimeMillis(), 0, p.x, p.y, 0, false)));
    }
}
