package io.vst.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;

class ChartCatalogTest {

    static final Path QUICKSTART = Path.of("src/test/resources/runs/quickstart");

    @Test
    void everyChartOfTheRecordedRunRendersAtBothSizesWithData() throws Exception {
        RunData run = RunDataReader.read(QUICKSTART);
        List<ChartSpec> available = ChartCatalog.available(run);
        assertThat(available).extracting(ChartSpec::id).contains("memory", "fragmentation", "vectors", "throughput",
                "latency-ingest", "latency-delete", "spectrum-ingest", "spectrum-delete", "memory-per-vector");
        Path out = Files.createDirectories(Path.of("target/chart-test"));
        for (ChartSpec spec : available) {
            JFreeChart chart = spec.create(run);
            assertThat(points(chart)).as(spec.id()).isPositive();
            for (int[] size : new int[][] {{1600, 900}, {800, 450}}) {
                byte[] png = ChartImages.png(chart, size[0], size[1]);
                BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
                assertThat(image.getWidth()).isEqualTo(size[0]);
                assertThat(image.getHeight()).isEqualTo(size[1]);
                Files.write(out.resolve(spec.id() + "-" + size[0] + ".png"), png);
            }
        }
    }

    static int points(JFreeChart chart) {
        int n = 0;
        if (chart.getPlot() instanceof XYPlot xy) {
            XYDataset d = xy.getDataset();
            for (int s = 0; s < d.getSeriesCount(); s++) {
                n += d.getItemCount(s);
            }
        } else if (chart.getPlot() instanceof CategoryPlot cat) {
            CategoryDataset d = cat.getDataset();
            for (int r = 0; r < d.getRowCount(); r++) {
                for (int c = 0; c < d.getColumnCount(); c++) {
                    n += d.getValue(r, c) == null ? 0 : 1;
                }
            }
        }
        return n;
    }
}
