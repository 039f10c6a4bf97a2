package io.vst.gui.chart;

import static org.assertj.core.api.Assertions.assertThat;

import org.jfree.data.xy.XYSeries;
import org.junit.jupiter.api.Test;

/** A long run keeps a bounded, evenly thinned history whose means stay true. */
class BoundedSeriesTest {

    @Test
    void neverHoldsMoreThanTheBoundAndKeepsTheMean() {
        XYSeries xy = new XYSeries("s", true, true);
        BoundedSeries s = new BoundedSeries(xy, 100);
        long n = 36_000;   // ten hours of one-second samples
        double sum = 0;
        for (int i = 0; i < n; i++) {
            s.add(i, i % 10);
            sum += i % 10;
            assertThat(xy.getItemCount()).isLessThan(100);
        }
        assertThat(xy.getItemCount()).isGreaterThanOrEqualTo(50 - 1);
        assertThat(s.stride()).isGreaterThan(1);
        double mean = 0;
        for (int i = 0; i < xy.getItemCount(); i++) {
            mean += xy.getY(i).doubleValue();
        }
        mean /= xy.getItemCount();
        assertThat(mean).isCloseTo(sum / n, org.assertj.core.data.Offset.offset(0.2));
        assertThat(xy.getMaxX()).isGreaterThan(n * 0.9);
    }

    @Test
    void skipsValuesThatWereNotRead() {
        XYSeries xy = new XYSeries("s", true, true);
        BoundedSeries s = new BoundedSeries(xy, 10);
        s.add(1, Double.NaN);
        s.add(2, 5);
        assertThat(xy.getItemCount()).isEqualTo(1);
    }
}
