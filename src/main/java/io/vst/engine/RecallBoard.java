package io.vst.engine;

/**
 * The latest recall@k measured by query workloads, for the timeline's recall column and for
 * conditions. Any thread.
 */
final class RecallBoard {

    private double sum;
    private long count;

    /** Records one query's recall. */
    synchronized void record(double recall) {
        sum += recall;
        count++;
    }

    /** Mean recall since the previous call (NaN when nothing was measured), then starts afresh. */
    synchronized double takeMean() {
        if (count == 0) {
            return Double.NaN;
        }
        double mean = sum / count;
        sum = 0;
        count = 0;
        return mean;
    }

}
