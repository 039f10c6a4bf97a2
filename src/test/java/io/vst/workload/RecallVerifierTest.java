package io.vst.workload;

import static org.assertj.core.api.Assertions.assertThat;

import io.vst.dataset.ExactKnn;
import io.vst.dataset.LiveSet;
import io.vst.dataset.Metric;
import io.vst.dataset.SyntheticSource;
import io.vst.valkey.KnnQuery;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.LongStream;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** How many sampled queries the verifier checked, against a known number of queries and a held-up truth. */
class RecallVerifierTest {

    private static final int N = 400;
    private static final int K = 10;
    private final SyntheticSource source = new SyntheticSource("s", 8, Metric.L2, 3, 4, N, 0);
    private final LiveVectors vectors = new LiveVectors(source, new LiveSet(1), new KeySpace("vec:", N), 1);
    private final List<String> log = new ArrayList<>();

    RecallVerifierTest() {
        vectors.live().addRange(0, N);
    }

    /** A context with only what the verifier reads: the step name, the vectors, the log. */
    private WorkloadContext context() {
        return (WorkloadContext) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {WorkloadContext.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "stepName" -> "q";
                    case "vectors" -> vectors;
                    case "log" -> {
                        synchronized (log) {
                            log.add(args[0] + " " + args[1]);
                        }
                        yield null;
                    }
                    case "recordRecall" -> null;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static float[] query(SplittableRandom rnd) {
        float[] q = new float[8];
        for (int i = 0; i < q.length; i++) {
            q[i] = (float) rnd.nextGaussian();
        }
        return q;
    }

    /** The keys of the k nearest rows by a plain sort: what an exact server answers. */
    private List<String> exactKeys(float[] q) {
        float[] v = new float[8];
        float[] dist = new float[N];
        for (int i = 0; i < N; i++) {
            source.read(i, v);
            dist[i] = Metric.L2.distance(q, v);
        }
        return LongStream.range(0, N).boxed().sorted(Comparator.<Long>comparingDouble(i -> dist[(int) (long) i])
                .thenComparing(i -> i)).limit(K).map(i -> vectors.keys().keyString(i)).toList();
    }

    private void offer(RecallVerifier verifier, SplittableRandom rnd, int n) {
        for (int i = 0; i < n; i++) {
            float[] q = query(rnd);
            verifier.offer(q, exactKeys(q), K, verifier.view());
        }
    }

    private static RecallVerifier.Truth exact() {
        return (src, candidates, queries, depth) -> ExactKnn.search(src, candidates, queries, depth, 2).ids();
    }

    @Test
    void everySampledQueryIsVerifiedWhenVerificationKeepsUpAndTheLogSaysWhatComputesTheTruth() {
        SplittableRandom rnd = new SplittableRandom(11);
        RecallVerifier verifier = RecallVerifier.start(context(), KnnQuery.of("idx", "vector", K, new byte[0]));
        offer(verifier, rnd, 29);
        // one answer with its 10th key replaced by a far row: recall 0.9 for that query
        float[] q = query(rnd);
        List<String> keys = new ArrayList<>(exactKeys(q));
        keys.set(K - 1, vectors.keys().keyString(LongStream.range(0, N).filter(i -> !keys.contains(
                vectors.keys().keyString(i))).findFirst().orElseThrow()));
        verifier.offer(q, keys, K, verifier.view());
        verifier.finish(30_000);
        assertThat(verifier.mean()).isCloseTo((29 + 0.9) / 30, Offset.offset(1e-12));
        assertThat(verifier.summary(K)).contains("over 30 verified queries")
                .contains("recall verified on 30 of 30 sampled queries, 0 skipped because verification fell behind");
        assertThat(log).anyMatch(l -> l.startsWith("INFO q: recall ground truth by exact search on ")
                && l.endsWith(", " + Runtime.getRuntime().availableProcessors() + " threads"));
    }

    @Test
    void samplesOfferedWhileTheQueueIsFullAreCountedAsSkipped() throws InterruptedException {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        RecallVerifier.Truth slow = (src, candidates, queries, depth) -> {
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            return exact().nearest(src, candidates, queries, depth);
        };
        SplittableRandom rnd = new SplittableRandom(12);
        RecallVerifier verifier = RecallVerifier.start(context(), KnnQuery.of("idx", "vector", K, new byte[0]), slow);
        offer(verifier, rnd, 1);
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
        // the verifier holds one sample; the queue takes QUEUE more, the 40 after them find it full
        offer(verifier, rnd, RecallVerifier.QUEUE + 40);
        release.countDown();
        verifier.finish(60_000);
        int sampled = 1 + RecallVerifier.QUEUE + 40;
        assertThat(verifier.summary(K))
                .contains(String.format(Locale.ROOT, "recall@10 1.0000 over %,d verified queries", sampled - 40))
                .contains(String.format(Locale.ROOT,
                        "recall verified on %,d of %,d sampled queries, 40 skipped because verification fell behind",
                        sampled - 40, sampled));
    }

    @Test
    void samplesStillWaitingWhenTheStepEndsAreCountedAsSkipped() throws InterruptedException {
        CountDownLatch entered = new CountDownLatch(1);
        RecallVerifier.Truth stuck = (src, candidates, queries, depth) -> {
            entered.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            throw new AssertionError("never released");
        };
        RecallVerifier verifier = RecallVerifier.start(context(), KnnQuery.of("idx", "vector", K, new byte[0]), stuck);
        SplittableRandom rnd = new SplittableRandom(13);
        offer(verifier, rnd, 1);
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
        offer(verifier, rnd, 10);
        verifier.finish(200);
        assertThat(verifier.summary(K))
                .contains("recall verified on 0 of 11 sampled queries, 11 skipped because verification fell behind");
        assertThat(log).noneMatch(l -> l.startsWith("WARN"));
    }

    @Test
    void finishKeepsItsBoundWhenTheTruthIgnoresInterruptsAndCountsTheSampleInProgressAsSkipped()
            throws InterruptedException {
        CountDownLatch entered = new CountDownLatch(1);
        AtomicBoolean released = new AtomicBoolean();
        // A truth deaf to interrupts, like a long native sgemm: it ends only when the test lets it.
        RecallVerifier.Truth deaf = (src, candidates, queries, depth) -> {
            entered.countDown();
            for (long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30); !released.get()
                    && System.nanoTime() < end; ) {
                Thread.interrupted();
                LockSupport.parkNanos(1_000_000);
            }
            return exact().nearest(src, candidates, queries, depth);
        };
        RecallVerifier verifier = RecallVerifier.start(context(), KnnQuery.of("idx", "vector", K, new byte[0]), deaf);
        SplittableRandom rnd = new SplittableRandom(14);
        offer(verifier, rnd, 1);
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
        offer(verifier, rnd, 5);
        long t0 = System.nanoTime();
        verifier.finish(200);
        double seconds = (System.nanoTime() - t0) / 1e9;
        String summary = verifier.summary(K);
        released.set(true);
        // 200 ms for the queue, then 1 s for the interrupted thread: bounded whatever the truth does
        assertThat(seconds).isLessThan(5.0);
        assertThat(summary).contains("recall verified on 0 of 6 sampled queries, 6 skipped because verification fell behind");
        // the abandoned verification finishing later changes nothing that was reported
        Thread.sleep(100);
        assertThat(verifier.summary(K)).isEqualTo(summary);
        assertThat(verifier.mean()).isNaN();
    }
}
