package io.vst.workload;

import io.vst.VstException;
import io.vst.metrics.LatencyRecorder;
import io.vst.metrics.Recorders;
import io.vst.scenario.schema.WorkloadParameters;
import io.vst.valkey.KnnQuery;
import io.vst.valkey.PreparedSearch;
import java.util.Locale;

/**
 * KNN queries ({@code FT.SEARCH ... =>[KNN k @vector $BLOB]} with {@code LIMIT 0 k}) from the dataset's
 * query vectors, on the step's {@code n_clients} connections shared by its {@code n_threads} workers, one
 * query in flight per connection ({@link QueryDriver}): {@code n_clients: 1000} is 1,000 clients waiting
 * for their answers at once.
 *
 * <p>Without {@code queries_per_second} each connection runs closed-loop (it sends the next query when the
 * last one returns). With it, queries follow one global open-loop schedule: query {@code i} is due at
 * {@code start + i / rate} and goes out on the first free connection, and its latency is measured from that
 * intended start, so a server stall shows up in the latency of every query it delayed (coordinated omission
 * corrected); queries that fell due while every connection was busy and were never sent are reported in
 * the step detail and the log.
 *
 * <p>The step runs for {@code duration_seconds}, or {@code max_operations} queries, or else once through
 * the query pool. With {@code verify_results}, a {@code recall_sample_rate} share of the answers is
 * checked in the background against the exact top-k over the vectors whose writes were acknowledged before
 * the query was sent (and that pass its {@code filter}); vectors written or deleted meanwhile count neither
 * way ({@link RecallVerifier}).
 */
public final class QueryWorkload implements Workload {

    /** Queries in flight per connection: each connection is one client waiting for its answer. */
    static final int DEPTH = 1;

    private final PacingClock clock;

    public QueryWorkload() {
        this(PacingClock.SYSTEM);
    }

    /** A workload whose open-loop schedule and latencies run on {@code clock}. */
    QueryWorkload(PacingClock clock) {
        this.clock = clock;
    }

    @Override
    public WorkloadResult run(WorkloadContext ctx) {
        WorkloadParameters.Query q = WorkloadParameters.Query.of(ctx.parameters());
        int k = q.k();
        if (k < 1) {
            throw VstException.invalidInput("query_k must be at least 1, got " + k, null);
        }
        QueryPool pool = QueryPool.from(ctx.vectors(), poolSize(q), q.useExpandedQueries());
        KnnQuery template = template(ctx, q);
        double qps = q.queriesPerSecond() == null ? 0 : q.queriesPerSecond();
        long total = ctx.maxOperations() > 0 ? ctx.maxOperations()
                : ctx.durationSeconds() > 0 ? Long.MAX_VALUE : ctx.share(pool.size());
        double sampleRate = q.recallSampleRate();
        LatencyRecorder rec = ctx.recorders().get(Recorders.QUERY);
        PreparedSearch[] prepared = new PreparedSearch[pool.size()];
        for (int i = 0; i < prepared.length; i++) {
            prepared[i] = PreparedSearch.of(withBlob(template, pool.blob(i)));
        }
        Connections connections = Connections.of(ctx.config());
        RecallVerifier verifier = q.verifyResults() ? RecallVerifier.start(ctx, template) : null;
        QueryDriver.Totals t;
        try {
            t = new QueryDriver(ctx, clock, pool, prepared, k, qps, total, DEPTH, verifier, sampleRate, rec)
                    .run(connections);
        } finally {
            if (verifier != null) {
                verifier.finish(10_000);
            }
        }
        // The rate is the step's (operations over the time spent on them), added by the engine.
        String detail = String.format(Locale.ROOT, "%,d queries (k=%d)%s on %s", t.answered(), k,
                qps > 0 ? String.format(Locale.ROOT, " (target %.1f q/s)", qps) : "", connections);
        if (t.unsent() > 0) {
            String behind = String.format(Locale.ROOT, "%,d of %,d due queries not sent: every connection was busy"
                    + " (the server fell behind %.1f q/s; raise n_clients or lower queries_per_second)",
                    t.unsent(), t.scheduled(), qps);
            detail += "; " + behind;
            ctx.log("WARN", "step " + ctx.stepName() + ": " + behind);
        }
        WorkloadResult result = WorkloadResult.of(t.answered(), t.failed());
        if (verifier != null) {
            detail += verifier.summary(k);
            result = result.withRecall(verifier.mean());
        }
        return result.withDetail(detail);
    }

    /** The query without its vector: k, EF_RUNTIME, filter and what each hit returns. */
    static KnnQuery template(WorkloadContext ctx, WorkloadParameters.Query p) {
        KnnQuery q = KnnQuery.of(ctx.index().name(), "vector", p.k(), new byte[0]);
        if (p.efRuntime() != null) {
            q = q.withEfRuntime(p.efRuntime());
        }
        String filter = p.filter();
        if (filter != null && !filter.isBlank()) {
            q = q.withFilter(filter);
        }
        if (p.nocontent()) {
            q = q.withNoContent(true);
        } else if (p.returnFields() != null) {
            q = q.withReturnFields(p.returnFields());
        }
        return q;
    }

    /** Distinct query vectors to draw from; 0 = all the dataset has. */
    static int poolSize(WorkloadParameters.Query p) {
        return p.queryVectors() == null ? 0 : (int) Math.min(Integer.MAX_VALUE, p.queryVectors());
    }

    static KnnQuery withBlob(KnnQuery t, byte[] blob) {
        return new KnnQuery(t.index(), t.vectorField(), t.k(), blob, t.filter(), t.efRuntime(), t.scoreAlias(),
                t.returnFields(), t.noContent());
    }
}
