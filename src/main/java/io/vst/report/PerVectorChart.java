package io.vst.report;

import io.vst.metrics.CheckpointResult;
import io.vst.metrics.Sample;
import io.vst.metrics.TimelineColumns;
import io.vst.rundir.RunData;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;

/** Memory per live vector at each checkpoint, stacked by where it goes when that is known. */
final class PerVectorChart {

    static final String KEYSPACE = "keyspace data (the rest)";
    static final String OVERHEAD = "server overhead (growth of used_memory_overhead)";
    static final String INDEX = "search index (search_used_memory_bytes)";
    static final String UNSPLIT = "total (not split)";

    private PerVectorChart() {
    }

    static JFreeChart create(List<RunData> runs) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (int r = 0; r < runs.size(); r++) {
            RunData run = runs.get(r);
            for (CheckpointResult c : run.checkpoints()) {
                Split s = split(c, baseline(run));
                if (s == null) {
                    continue;
                }
                String category = runs.size() < 2 ? c.name() : ChartCatalog.legend(runs, r, c.name());
                add(data, KEYSPACE, category, s.keyspaceData());
                add(data, OVERHEAD, category, s.keyspaceOverhead());
                add(data, INDEX, category, s.index());
                add(data, UNSPLIT, category, s.unsplit());
            }
        }
        StackedBarRenderer renderer = new StackedBarRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setMaximumBarWidth(0.12);
        for (int i = 0; i < data.getRowCount(); i++) {
            String key = (String) data.getRowKey(i);
            renderer.setSeriesPaint(i, ChartStyle.color(switch (key) {
                case KEYSPACE -> "keyspace";
                case OVERHEAD -> "overhead";
                case INDEX -> "index";
                default -> "total";
            }));
        }
        CategoryAxis domain = new CategoryAxis("checkpoint");
        if (data.getColumnCount() > 6) {
            domain.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        }
        CategoryPlot plot = new CategoryPlot(data, domain, new NumberAxis("bytes per live vector"), renderer);
        return new JFreeChart("Memory per vector at each checkpoint", JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    }

    /**
     * Where a checkpoint's memory per vector goes. Index bytes come from the search module; the rest is
     * split into data and overhead by how much used_memory_overhead grew since the first sample.
     *
     * @return null when the checkpoint has no per-vector figure
     */
    static Split split(CheckpointResult c, Sample baseline) {
        CheckpointResult.PerVector pv = c.perVector();
        if (pv == null || Double.isNaN(pv.totalBytes())) {
            return null;
        }
        double index = Double.isNaN(pv.indexBytes()) ? Double.NaN : pv.indexBytes();
        double rest = Double.isNaN(index) ? pv.totalBytes() : pv.totalBytes() - index;
        Double overheadNow = c.figures() == null ? null : c.figures().get(TimelineColumns.USED_MEMORY_OVERHEAD);
        double overheadBase = baseline == null ? Double.NaN : baseline.get(TimelineColumns.USED_MEMORY_OVERHEAD);
        if (overheadNow == null || Double.isNaN(overheadBase) || c.liveVectors() <= 0) {
            if (Double.isNaN(index)) {
                return new Split(Double.NaN, Double.NaN, Double.NaN, pv.totalBytes(), pv.totalBytes());
            }
            return new Split(rest, Double.NaN, index, Double.NaN, pv.totalBytes());
        }
        double overhead = (overheadNow - overheadBase) / c.liveVectors();
        return new Split(rest - overhead, overhead, index, Double.NaN, pv.totalBytes());
    }

    /** The first sample of the run: the server before the first step. */
    static Sample baseline(RunData run) {
        List<Sample> samples = run.samples();
        return samples.isEmpty() ? null : samples.get(0);
    }

    /** Bytes per vector by destination; NaN where unknown. */
    record Split(double keyspaceData, double keyspaceOverhead, double index, double unsplit, double total) {
    }

    private static void add(DefaultCategoryDataset data, String series, String category, double v) {
        if (!Double.isNaN(v)) {
            data.addValue(v, series, category);
        }
    }
}
