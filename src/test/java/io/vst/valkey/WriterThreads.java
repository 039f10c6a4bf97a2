package io.vst.valkey;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Test helper: several threads writing batches of vectors through one shared client. */
final class WriterThreads {

    private WriterThreads() {
    }

    /**
     * Runs {@code threads} writers, each sending {@code batches} batches of {@code perBatch} 4-dimensional
     * vectors under keys {@code <prefix><thread>:<batch>:<item>}; returns the number of items written.
     */
    static int run(ValkeyClient client, String prefix, int threads, int batches, int perBatch) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                done.add(pool.submit(() -> {
                    int ok = 0;
                    for (int b = 0; b < batches; b++) {
                        List<VectorWrite> batch = new ArrayList<>(perBatch);
                        for (int i = 0; i < perBatch; i++) {
                            batch.add(VectorWrite.of(prefix + id + ":" + b + ":" + i,
                                    ValkeyClientTest.vector(id, b, i, 1)));
                        }
                        ok += client.writeVectors(batch).succeeded();
                    }
                    return ok;
                }));
            }
            int total = 0;
            for (Future<Integer> f : done) {
                total += f.get(60, TimeUnit.SECONDS);
            }
            return total;
        } finally {
            pool.shutdownNow();
        }
    }
}
