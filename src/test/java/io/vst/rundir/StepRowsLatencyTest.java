package io.vst.rundir;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The latency column of steps.csv, with and without the 90th percentile. */
class StepRowsLatencyTest {

    @Test
    void theNinetiethPercentileIsReadWhenPresentAndNaNInOlderFiles() {
        StepRecord.LatencySummary now = StepRows.latency("ingest:n=10,p50=1.5,p90=2.5,p99=3,p999=4,max=5").get("ingest");
        assertThat(now.count()).isEqualTo(10);
        assertThat(now.p50Ms()).isEqualTo(1.5);
        assertThat(now.p90Ms()).isEqualTo(2.5);
        assertThat(now.p99Ms()).isEqualTo(3.0);
        assertThat(now.p999Ms()).isEqualTo(4.0);
        assertThat(now.maxMs()).isEqualTo(5.0);
        StepRecord.LatencySummary old = StepRows.latency("query:n=7,p50=1,p99=3,p999=4,max=5").get("query");
        assertThat(old.p90Ms()).isNaN();
        assertThat(old.p99Ms()).isEqualTo(3.0);
    }
}
