package io.vst.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vst.rundir.RunOutcome;
import io.vst.rundir.StepRecord;
import io.vst.testsupport.proxy.SearchProxy;
import io.vst.testsupport.proxy.SearchProxyExtension;
import io.vst.valkey.ValkeyEndpoint;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recall while writes run beside the queries, against the test-only proxy, whose FT.SEARCH is exact brute
 * force over the hashes the real valkey-server holds at that moment. Whatever runs beside the queries, an
 * exact answer must score exactly 1.0 (DESIGN.md section 8): a vector whose write or delete was in flight
 * counts neither way, every other vector must be found exactly where it is.
 */
class RecallUnderChurnIntegrationTest {

    private static final Pattern BESIDE = Pattern.compile("([0-9,]+) of them beside writes");

    @RegisterExtension
    static final SearchProxyExtension SEARCH = new SearchProxyExtension();

    /** Dataset and index of every scenario here: FLAT L2 with a TAG and a NUMERIC attribute. */
    private static final String HEAD = """
            dataset: synthetic-8
            index:
              algorithm: FLAT
              distance_metric: L2
              fields:
                - {name: category, type: TAG, source: "row_mod:3"}
                - {name: price, type: NUMERIC, source: "uniform:0:100"}
            """;

    @TempDir
    Path out;

    private SearchProxy proxy;

    @BeforeEach
    void start() {
        proxy = SEARCH.proxy();
    }

    @AfterEach
    void reset() {
        proxy.injectWrongHits(SearchProxy.WrongHits.NONE);
    }

    /**
     * The head of a scenario: {@link #HEAD}, {@code global_config} and a first step that ingests
     * {@code vectors} (two threads, batches of 500); further steps follow, indented two spaces.
     */
    private static String seeded(String name, String globalConfig, int vectors) {
        return "name: " + name + "\n" + HEAD + "global_config: " + globalConfig + "\n" + String.format(Locale.ROOT, """
                steps:
                  - name: seed
                    type: workload
                    workload: ingest
                    config: {n_threads: 2, n_clients: 2, batch_size: 500}
                    parameters: {target_vectors: %d}
                """, vectors);
    }

    /** A scenario: seed {@code seed} vectors, then run {@code writer} in parallel with a verified query step. */
    private static String beside(String writer, int seed, String queryParameters) {
        return seeded("churn", "{n_threads: 1, n_clients: 1, batch_size: 1}", seed) + String.format(Locale.ROOT, """
                  - name: together
                    type: parallel
                    steps:
                      - name: writer
                        type: workload
                %s
                      - name: q
                        type: workload
                        workload: query
                        max_operations: 40
                        config: {n_threads: 2, n_clients: 2}
                        parameters: {query_k: 10, verify_results: true, recall_sample_rate: 1.0%s}
                """, writer.indent(8).stripTrailing(), queryParameters);
    }

    private RunResult run(String yaml) {
        RunResult r = EngineHarness.run(yaml, ValkeyEndpoint.parse("valkey://127.0.0.1:" + proxy.port()), -1, out);
        assertThat(r.outcome()).as(r.message()).isEqualTo(RunOutcome.COMPLETED);
        assertThat(proxy.sessionErrors()).isEmpty();
        return r;
    }

    private static StepRecord step(RunResult r, String name) {
        return r.steps().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    /**
     * Runs {@code writer} (expected to do {@code writerOperations}) beside 40 verified queries and checks
     * their recall.
     */
    private void assertExactBesideWrites(String writer, int seed, String queryParameters, long writerOperations) {
        RunResult r = run(beside(writer, seed, queryParameters));
        assertThat(step(r, "writer").operations()).isEqualTo(writerOperations);
        StepRecord q = step(r, "q");
        assertThat(q.operations()).isEqualTo(40);
        assertExactWithWritesBeside(q);
    }

    /**
     * Recall is exactly 1, and several verified queries had writes in flight or sent meanwhile (how many
     * depends on how busy the machine is: the proxy's brute force slows down more than the writes).
     */
    private static void assertExactWithWritesBeside(StepRecord q) {
        assertThat(q.recall()).as(q.detail()).isCloseTo(1.0, within(1e-12));
        Matcher m = BESIDE.matcher(q.detail());
        assertThat(m.find()).as(q.detail()).isTrue();
        assertThat(Long.parseLong(m.group(1).replace(",", ""))).as(q.detail()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void recallIsExactWhileIngestRunsBesideTheQueries() {
        assertExactBesideWrites("workload: ingest\nparameters: {target_vectors: 6000}\n", 300, "", 5700);
    }

    @Test
    void recallIsExactWhileUpdatesRunBesideTheQueries() {
        assertExactBesideWrites("workload: update\nparameters: {selection: random}\n", 4000, "", 4000);
    }

    @Test
    void recallIsExactWhileShrinkRunsBesideTheQueries() {
        assertExactBesideWrites("workload: shrink\nparameters: {target_vectors: 200, removal_strategy: random}\n",
                5000, "", 4800);
    }

    @Test
    void filteredRecallIsExactWhileIngestRunsBesideTheQueries() {
        assertExactBesideWrites("workload: ingest\nparameters: {target_vectors: 6000}\n", 300,
                ", filter: '@category:{t1} @price:[20 (70]'", 5700);
    }

    @Test
    void recallIsExactInAMixedWorkloadThatWritesUpdatesAndDeletes() {
        RunResult r = run(seeded("mixed", "{n_threads: 4, n_clients: 4, batch_size: 100}", 1500) + """
                  - name: q
                    type: workload
                    workload: mixed
                    max_operations: 400
                    parameters: {ingest_ratio: 0.25, query_ratio: 0.25, update_ratio: 0.25, delete_ratio: 0.25,
                                 ingest_batch_size: 20, query_batch_size: 2, query_k: 10, verify_results: true,
                                 recall_sample_rate: 1.0}
                """);
        assertExactWithWritesBeside(step(r, "q"));
    }

    @Test
    void aShrinkStoppedEarlyKeepsTheVectorsItNeverDeletedLive() {
        RunResult r = run(seeded("stop", "{n_threads: 1, n_clients: 1, batch_size: 1}", 20000) + """
                  - name: shrink
                    type: workload
                    workload: shrink
                    duration_seconds: 0.3
                    parameters: {target_vectors: 0}
                """);
        StepRecord shrink = step(r, "shrink");
        // 20,000 single-key deletes take longer than 0.3 s even on a quiet machine.
        assertThat(shrink.operations()).isBetween(1L, 19999L);
        try (io.vst.valkey.ValkeyClient c = io.vst.valkey.ValkeyClient.connect(
                ValkeyEndpoint.parse("valkey://127.0.0.1:" + proxy.backendPort()), 1)) {
            // The server's own count: every vector the stopped step did not delete is still there, and live.
            assertThat(shrink.liveVectorsAfter()).isEqualTo(c.dbSize()).isEqualTo(20000 - shrink.operations());
            // The next test's fresh start would need --yes above 10,000 leftover keys on this shared server.
            c.scanKeys("vec:", c::deleteKeys);
        }
    }

    /** A static scenario: 900 vectors, then one verified query step with {@code queryParameters}. */
    private static String still(String queryParameters) {
        return seeded("still", "{n_threads: 2, n_clients: 2, batch_size: 100}", 900) + String.format(Locale.ROOT, """
                  - name: q
                    type: workload
                    workload: query
                    max_operations: 30
                    parameters: {query_k: 10, verify_results: true, recall_sample_rate: 1.0%s}
                """, queryParameters);
    }

    /** Runs {@link #still} with {@code wrong} injected, checks the query step's recall and returns the step. */
    private StepRecord assertStillRecall(SearchProxy.WrongHits wrong, String queryParameters, double expected) {
        proxy.injectWrongHits(wrong);
        StepRecord q = step(run(still(queryParameters)), "q");
        assertThat(q.recall()).as(q.detail()).isCloseTo(expected, within(1e-12));
        return q;
    }

    @Test
    void injectedWrongHitsLowerRecallToExactlyTheRightShare() {
        assertStillRecall(new SearchProxy.WrongHits(3, false), "", 0.7);
    }

    @Test
    void filteredRecallIsMeasuredOverTheVectorsThatPassTheFilter() {
        StepRecord q = assertStillRecall(SearchProxy.WrongHits.NONE, ", filter: '@category:{t1}'", 1.0);
        assertThat(q.detail()).contains("over 30 verified queries");
    }

    @Test
    void aHitOutsideTheFilterIsAWrongHit() {
        assertStillRecall(new SearchProxy.WrongHits(2, true), ", filter: '@category:{t1} @price:[20 (70]'", 0.8);
    }

    @Test
    void aNegatedFilterIsAppliedToTheGroundTruthToo() {
        assertStillRecall(new SearchProxy.WrongHits(1, true), ", filter: '-@category:{t0|T2}'", 0.9);
    }
}
