package io.vst.workload;

import static org.assertj.core.api.Assertions.assertThat;

import io.vst.metrics.Recorders;
import io.vst.testsupport.proxy.SearchLoad;
import io.vst.testsupport.proxy.SearchProxy;
import io.vst.testsupport.proxy.SearchProxyExtension;
import io.vst.valkey.IndexDefinition;
import io.vst.valkey.ValkeyClient;
import io.vst.valkey.ValkeyEndpoint;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The query workload's concurrency against the test proxy, which takes a KNOWN time over every FT.SEARCH
 * and counts, on its own side, the searches it received, how many it held at one moment and on how many
 * connections. Real sockets, real {@link ValkeyClient}; a few 8-d vectors indexed FLAT (exact).
 */
class QueryConcurrencyTest {

    @RegisterExtension
    static final SearchProxyExtension SEARCH = new SearchProxyExtension();

    private static final long DELAY_MS = 50;
    /** Few documents: the proxy reads them all from its backend for every search, which must stay small beside the delay. */
    private static final int DOCUMENTS = 20;

    private ValkeyClient client;

    @BeforeEach
    void connect() {
        SearchProxy proxy = SEARCH.proxy();
        proxy.delayReplies("FT.SEARCH", Duration.ZERO);
        client = ValkeyClient.connect(ValkeyEndpoint.loopback(proxy.port()), 4);
        if (client.ftList().contains("vst_idx")) {
            client.ftDropIndex("vst_idx");
        }
        client.command("FLUSHALL");
        client.ftCreate(IndexDefinition.flat("vst_idx", "vec:", FakeContext.DIMS, IndexDefinition.Metric.L2));
    }

    @AfterEach
    void close() {
        SEARCH.proxy().delayReplies("FT.SEARCH", Duration.ZERO);
        client.close();
    }

    private FakeContext context(int threads, int clients) {
        return new FakeContext(client, Map.of("n_threads", threads, "n_clients", clients)).preload(DOCUMENTS)
                .with("query_k", 5);
    }

    @Test
    void aClosedLoopStepHoldsOneQueryInFlightOnEveryConnection() {
        int c = 16;
        int q = 320;
        FakeContext ctx = context(2, c).maxOperations(q);
        SearchProxy proxy = SEARCH.proxy();
        proxy.delayReplies("FT.SEARCH", Duration.ofMillis(DELAY_MS));
        proxy.resetSearchLoad();

        long t0 = System.nanoTime();
        WorkloadResult r = new QueryWorkload().run(ctx);
        double elapsedMs = (System.nanoTime() - t0) / 1e6;

        SearchLoad.Snapshot seen = proxy.searchLoad();
        assertThat(r.operations()).isEqualTo(q);
        assertThat(r.errors()).isZero();
        assertThat(seen.received()).isEqualTo(q);
        assertThat(seen.answered()).isEqualTo(q);
        assertThat(seen.connections()).isEqualTo(c);
        assertThat(seen.maxInFlight()).isEqualTo(c);
        // Each connection answers its queries one after another, each taking at least DELAY_MS, and some
        // connection answered at least q / c of them: no run can be shorter than that.
        assertThat(elapsedMs).isGreaterThanOrEqualTo(Math.ceil((double) q / c) * DELAY_MS);
        // Every query waited the injected delay and not much more (closed loop: measured from its send).
        Histogram h = ctx.recorders.get(Recorders.QUERY).takeInterval().histogram();
        assertThat(h.getTotalCount()).isEqualTo(q);
        // (0.99: HdrHistogram keeps 3 significant digits)
        assertThat(h.getMinValue()).isGreaterThanOrEqualTo((long) (DELAY_MS * 1000 * 0.99));
        // Latency measured from the step's start instead of each send would put the median near half the run (500 ms).
        assertThat(h.getValueAtPercentile(50)).isLessThan(4 * DELAY_MS * 1000);
        // Queries in flight on average (Little's law: their total latency over the run's time) stay near c all run
        // long, however slow a loaded machine makes both: with c / 2 or fewer in flight this is at most c / 2.
        double meanInFlight = h.getMean() * q / (elapsedMs * 1000);
        assertThat(meanInFlight).isGreaterThan(0.75 * c);
    }

    @Test
    void anOpenLoopRateTheServerCannotTakeShowsTheBacklogInTheLatency() {
        int c = 4;
        int q = 120;
        double rate = 160;  // the proxy takes at most c / DELAY_MS = 80 q/s
        FakeContext ctx = context(2, c).maxOperations(q).with("queries_per_second", rate);
        SearchProxy proxy = SEARCH.proxy();
        proxy.delayReplies("FT.SEARCH", Duration.ofMillis(DELAY_MS));
        proxy.resetSearchLoad();

        WorkloadResult r = new QueryWorkload().run(ctx);

        assertThat(r.operations()).isEqualTo(q);
        assertThat(proxy.searchLoad().received()).isEqualTo(q);
        // Each latency is at least its backlog(), so the median latency is at least their median.
        long medianBound = medianBacklog(q, c, rate, DELAY_MS);
        Histogram h = ctx.recorders.get(Recorders.QUERY).takeInterval().histogram();
        assertThat(h.getTotalCount()).isEqualTo(q);
        assertThat(medianBound).isGreaterThan(5 * DELAY_MS * 1000);
        // Above: the same model with every search taking twice the delay (proxy work on a shared machine).
        assertThat(h.getValueAtPercentile(50)).isGreaterThanOrEqualTo((long) (medianBound * 0.99))
                .isLessThan(medianBacklog(q, c, rate, 2 * DELAY_MS));
        assertThat(h.getMaxValue()).isGreaterThanOrEqualTo((long) (backlog(q - 1, c, rate, DELAY_MS) * 0.99));
        assertThat(r.detail()).doesNotContain("not sent");
    }

    /**
     * Query {@code i} is due at {@code i / rate}; with {@code c} served at a time, each taking {@code ms}, it
     * cannot be answered before {@code (i / c + 1) * ms}: its latency from its intended start, in microseconds.
     */
    private static long backlog(int i, int c, double rate, long ms) {
        return (long) ((i / c + 1) * ms * 1000 - i * 1e6 / rate);
    }

    /** The median of {@link #backlog} over queries 0 .. q-1, as HdrHistogram ranks it (the ceil(q/2)-th). */
    private static long medianBacklog(int q, int c, double rate, long ms) {
        long[] all = new long[q];
        for (int i = 0; i < q; i++) {
            all[i] = backlog(i, c, rate, ms);
        }
        java.util.Arrays.sort(all);
        return all[(q + 1) / 2 - 1];
    }

    private static final Pattern NOT_SENT = Pattern.compile("([\\d,]+) of ([\\d,]+) due queries not sent");

    @Test
    void queriesDueThatNoConnectionCouldSendAreCountedApart() {
        int c = 4;
        double rate = 1000;  // five times what the proxy takes
        double seconds = 1.0;
        FakeContext ctx = context(2, c).durationSeconds(seconds).with("queries_per_second", rate);
        SearchProxy proxy = SEARCH.proxy();
        proxy.delayReplies("FT.SEARCH", Duration.ofMillis(DELAY_MS));
        proxy.resetSearchLoad();

        WorkloadResult r = new QueryWorkload().run(ctx);

        SearchLoad.Snapshot seen = proxy.searchLoad();
        Matcher m = NOT_SENT.matcher(r.detail());
        assertThat(m.find()).as(r.detail()).isTrue();
        long unsent = Long.parseLong(m.group(1).replace(",", ""));
        long scheduled = Long.parseLong(m.group(2).replace(",", ""));
        // What the proxy received is every query sent, and each was answered or failed.
        assertThat(seen.received()).isEqualTo(seen.answered()).isEqualTo(r.operations() + r.errors());
        assertThat(scheduled).isEqualTo(seen.received() + unsent);
        // Due: the schedule's queries up to when the step stopped sending (its duration, plus the moment
        // it takes to notice); sent: what c connections at DELAY_MS each could take in that time.
        assertThat(scheduled).isBetween((long) (rate * seconds), (long) (rate * (seconds + 0.2)));
        assertThat(seen.received()).isBetween((long) (seconds * 1000 / DELAY_MS * c / 2),
                (long) ((seconds + 0.2) * 1000 / DELAY_MS * c) + c);
        assertThat(ctx.log).anyMatch(line -> line.startsWith("WARN") && line.contains("due queries not sent"));
    }

    @Test
    void everyQuerySentIsAnsweredOrCountedAsAnError() {
        int c = 8;
        int q = 120;
        client.ftDropIndex("vst_idx");
        FakeContext ctx = new FakeContext(client, Map.of("n_threads", 2, "n_clients", c, "continue_on_error", true))
                .preload(DOCUMENTS).with("query_k", 5).maxOperations(q);
        SearchProxy proxy = SEARCH.proxy();
        proxy.resetSearchLoad();

        WorkloadResult r = new QueryWorkload().run(ctx);

        // No index: the server answers every search with an error, which the step counts and goes on.
        SearchLoad.Snapshot seen = proxy.searchLoad();
        assertThat(seen.received()).isEqualTo(q).isEqualTo(seen.answered());
        assertThat(r.errors()).isEqualTo(q);
        assertThat(r.operations()).isZero();
        assertThat(ctx.recorders.get(Recorders.QUERY).takeInterval().errors()).isEqualTo(q);
    }

    @Test
    void pipelinedQueriesComeBackToTheQueryThatAskedThem() {
        int c = 4;
        int depth = 3;
        int q = 240;
        FakeContext ctx = new FakeContext(client, Map.of("n_threads", 2, "n_clients", c)).preload(200)
                .with("query_k", 5).with("verify_results", true).with("recall_sample_rate", 1.0);
        SearchProxy proxy = SEARCH.proxy();
        proxy.resetSearchLoad();
        io.vst.scenario.schema.WorkloadParameters.Query p = io.vst.scenario.schema.WorkloadParameters.Query.of(
                ctx.parameters());
        QueryPool pool = QueryPool.from(ctx.vectors(), 0, false);
        io.vst.valkey.KnnQuery template = QueryWorkload.template(ctx, p);
        io.vst.valkey.PreparedSearch[] prepared = new io.vst.valkey.PreparedSearch[pool.size()];
        for (int i = 0; i < prepared.length; i++) {
            prepared[i] = io.vst.valkey.PreparedSearch.of(QueryWorkload.withBlob(template, pool.blob(i)));
        }
        RecallVerifier verifier = RecallVerifier.start(ctx, template);
        QueryDriver.Totals t;
        try {
            t = new QueryDriver(ctx, PacingClock.SYSTEM, pool, prepared, 5, 0, q, depth, verifier, 1.0,
                    ctx.recorders.get(Recorders.QUERY)).run(Connections.of(ctx.config()));
        } finally {
            verifier.finish(10_000);
        }
        // Three queries wait on each connection; were a reply handed to another query than the one that
        // asked it, that query's exact neighbours would not match and recall would fall below 1.
        assertThat(t.answered()).isEqualTo(q);
        assertThat(t.failed()).isZero();
        assertThat(proxy.searchLoad().received()).isEqualTo(q);
        assertThat(proxy.searchLoad().connections()).isEqualTo(c);
        assertThat(ctx.recalls).isNotEmpty().containsOnly(1.0);
    }

    @Test
    void repliesThatWaitedOutAPauseUnreadAreCountedWithoutALatency() {
        int c = 4;
        int q = 40;
        long pauseMs = 400;
        FakeContext ctx = context(1, c).maxOperations(q);
        SearchProxy proxy = SEARCH.proxy();
        java.util.concurrent.atomic.AtomicBoolean paused = new java.util.concurrent.atomic.AtomicBoolean();
        ctx.pause = () -> {
            // Once, while the proxy holds some of the step's queries: the run holds the worker 400 ms.
            if (proxy.searchLoad().inFlight() > 0 && paused.compareAndSet(false, true)) {
                sleep(pauseMs);
            }
        };
        proxy.delayReplies("FT.SEARCH", Duration.ofMillis(DELAY_MS));

        WorkloadResult r = new QueryWorkload().run(ctx);

        Histogram h = ctx.recorders.get(Recorders.QUERY).takeInterval().histogram();
        assertThat(paused).isTrue();
        assertThat(r.operations()).isEqualTo(q);
        assertThat(h.getTotalCount()).isBetween((long) q - c, (long) q - 1);
        assertThat(h.getMaxValue()).isLessThan(pauseMs * 1000);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
