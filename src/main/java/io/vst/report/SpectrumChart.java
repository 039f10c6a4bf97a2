package io.vst.report;

import io.vst.rundir.RunData;
import java.text.FieldPosition;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The latency percentile spectrum per step, on a log "1 / (1 − p)" axis labelled 90%, 99%, 99.9%... */
final class SpectrumChart {

    private SpectrumChart() {
    }

    static JFreeChart create(List<RunData> runs, String op) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        for (int r = 0; r < runs.size(); r++) {
            int stepIndex = 0;
            for (Map.Entry<String, Histogram> e : runs.get(r).latencyByStep(op).entrySet()) {
                String step = e.getKey().isEmpty() ? "(between steps)" : e.getKey();
                String name = String.format(Locale.ROOT, "%s (n=%,d)", step, e.getValue().getTotalCount());
                XYSeries series = new XYSeries(ChartCatalog.legend(runs, r, name), false, true);
                for (LatencySpectrum.Point p : LatencySpectrum.of(e.getValue())) {
                    series.add(p.inverseTail(), p.millis());
                }
                int index = data.getSeriesCount();
                data.addSeries(series);
                renderer.setSeriesPaint(index, ChartStyle.cycle(stepIndex++));
                renderer.setSeriesStroke(index, ChartStyle.stroke(r));
            }
        }
        LogAxis domain = new LogAxis("percentile");
        domain.setBase(10);
        domain.setTickUnit(new NumberTickUnit(1));
        domain.setNumberFormatOverride(new PercentileFormat());
        domain.setSmallestValue(1);
        domain.setLowerMargin(0);
        NumberAxis range = new NumberAxis("latency (ms)");
        XYPlot plot = new XYPlot(data, domain, range, renderer);
        return new JFreeChart("Latency percentile spectrum of " + op, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    }

    /** Labels 1 / (1 − p) as the percentile p: 1 → 0%, 10 → 90%, 10000 → 99.99%. */
    static final class PercentileFormat extends ChartStyle.LabelFormat {

        @Override
        public StringBuffer format(double inverseTail, StringBuffer to, FieldPosition pos) {
            if (inverseTail <= 1) {
                return to.append("0%");
            }
            double pct = 100.0 * (1 - 1 / inverseTail);
            int decimals = Math.max(0, (int) Math.round(Math.log10(inverseTail)) - 2);
            return to.append(String.format(Locale.ROOT, "%." + decimals + "f%%", pct));
        }
    }
}
