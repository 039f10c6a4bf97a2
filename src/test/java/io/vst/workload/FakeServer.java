package io.vst.workload;

import io.vst.valkey.resp.CommandPipeline;
import io.vst.valkey.resp.ErrorCategory;
import io.vst.valkey.FtInfo;
import io.vst.valkey.KnnQuery;
import io.vst.valkey.SearchOutcome;
import io.vst.valkey.SearchResult;
import io.vst.valkey.resp.ValkeyException;
import io.vst.valkey.WorkloadClient;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * An in-memory server behind {@link WorkloadClient}, scripted by the test: it applies every command as
 * it is sent (as a server does), answers each with its own reply or a scripted error reply, loses whole
 * batches to a scripted connection failure, and counts what it saw. Its KNN answer is its own brute force
 * over the vector bytes it holds. Thread-safe.
 */
final class FakeServer implements WorkloadClient {

    /** A scripted connection failure of a batch: given its first key and how often that key was sent. */
    interface BatchFault {
        /** The failure to throw at sync, or null to answer normally. */
        ValkeyException lost(String firstKey, int attempt);
    }

    /** Hashes by key, as the server holds them. */
    final Map<String, Map<String, byte[]>> hashes = new ConcurrentHashMap<>();
    /** Times each key was the target of a sent command (retries included; lost batches included). */
    final Map<String, AtomicInteger> sends = new ConcurrentHashMap<>();
    /** Commands queued on open pipelines and not yet synced, at each sync: the load in flight then. */
    final List<Integer> inFlightAtSync = new CopyOnWriteArrayList<>();
    final List<Integer> batchSizesAtSync = new CopyOnWriteArrayList<>();
    final AtomicLong queries = new AtomicLong();
    final AtomicLong searchCalls = new AtomicLong();
    final AtomicLong pipelinesOpened = new AtomicLong();
    final AtomicLong idleCloses = new AtomicLong();
    final AtomicLong ingests = new AtomicLong();
    final AtomicLong updates = new AtomicLong();
    final AtomicLong deletes = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();

    volatile Function<String, ValkeyException> errorReply = key -> null;
    volatile BatchFault fault = (key, attempt) -> null;
    volatile Function<KnnQuery, SearchResult> answer = this::exact;
    /** Called after each sync with the number of syncs so far (e.g. to stop the step at a chosen one). */
    volatile java.util.function.IntConsumer afterSync = n -> { };
    private final AtomicInteger syncs = new AtomicInteger();

    static ValkeyException error(ErrorCategory category, String text) {
        return new ValkeyException(category, text, text, null, null);
    }

    /** The keys that hold a vector now, sorted. */
    List<String> storedKeys() {
        return hashes.keySet().stream().sorted().toList();
    }

    @Override
    public CommandPipeline pipeline() {
        pipelinesOpened.incrementAndGet();
        return new Pipe();
    }

    @Override
    public SearchResult search(KnnQuery query) {
        searchCalls.incrementAndGet();
        queries.incrementAndGet();
        return answer.apply(query);
    }

    @Override
    public List<SearchOutcome> searchBatch(List<KnnQuery> batch) {
        searchCalls.incrementAndGet();
        List<SearchOutcome> out = new ArrayList<>();
        for (KnnQuery q : batch) {
            queries.incrementAndGet();
            try {
                out.add(new SearchOutcome(answer.apply(q), null));
            } catch (ValkeyException e) {
                out.add(new SearchOutcome(null, e));
            }
        }
        return out;
    }

    @Override
    public FtInfo ftInfo(String index) {
        return new FtInfo(index, List.of(), hashes.size(), hashes.size(), 0, false, 1.0, 0, "0 sec",
                FtInfo.STATE_READY, List.of());
    }

    @Override
    public int closeIdleConnections() {
        idleCloses.incrementAndGet();
        return 0;
    }

    /** The k stored vectors nearest (squared L2) to the query's vector, decoded from the bytes held here. */
    SearchResult exact(KnnQuery q) {
        float[] query = floats(q.blob());
        record Scored(String key, double d) {
        }
        List<Scored> all = new ArrayList<>();
        hashes.forEach((key, hash) -> {
            float[] v = floats(hash.get("vector"));
            double d = 0;
            for (int i = 0; i < v.length; i++) {
                double x = v[i] - query[i];
                d += x * x;
            }
            all.add(new Scored(key, d));
        });
        all.sort(Comparator.comparingDouble(Scored::d).thenComparing(Scored::key));
        List<SearchResult.Hit> hits = new ArrayList<>();
        for (Scored s : all.subList(0, Math.min(q.k(), all.size()))) {
            hits.add(new SearchResult.Hit(s.key(), s.d(), Map.of()));
        }
        return new SearchResult(all.size(), hits);
    }

    static float[] floats(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        float[] v = new float[bytes.length / 4];
        for (int i = 0; i < v.length; i++) {
            v[i] = b.getFloat();
        }
        return v;
    }

    private static String text(byte[] key) {
        return new String(key, StandardCharsets.UTF_8);
    }

    /** One connection: commands are applied as they are queued, their replies held until sync. */
    private final class Pipe implements CommandPipeline {
        private final List<Object> replies = new ArrayList<>();
        private ValkeyException lost;
        private boolean closed;

        @Override
        public void hset(byte[] key, byte[]... fieldValues) {
            send(text(key), k -> {
                boolean fresh = !hashes.containsKey(k);
                Map<String, byte[]> h = hashes.computeIfAbsent(k, x -> new ConcurrentHashMap<>());
                long added = 0;
                for (int i = 0; i + 1 < fieldValues.length; i += 2) {
                    if (h.put(text(fieldValues[i]), fieldValues[i + 1].clone()) == null) {
                        added++;
                    }
                }
                (fresh ? ingests : updates).incrementAndGet();
                return added;
            });
        }

        @Override
        public void del(byte[] key) {
            send(text(key), k -> {
                deletes.incrementAndGet();
                return hashes.remove(k) == null ? 0L : 1L;
            });
        }

        @Override
        public void exists(byte[] key) {
            send(text(key), k -> hashes.containsKey(k) ? 1L : 0L);
        }

        @Override
        public void hget(byte[] key, byte[] field) {
            send(text(key), k -> {
                Map<String, byte[]> h = hashes.get(k);
                byte[] v = h == null ? null : h.get(text(field));
                return v == null ? null : v.clone();
            });
        }

        private void send(String key, Function<String, Object> apply) {
            if (closed) {
                throw new IllegalStateException("command on a closed pipeline");
            }
            int attempt = sends.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            if (replies.isEmpty() && lost == null) {
                lost = fault.lost(key, attempt);
            }
            inFlight.incrementAndGet();
            if (lost != null) {
                // The connection broke before the command reached the server: nothing applied.
                replies.add(lost);
                return;
            }
            ValkeyException refused = errorReply.apply(key);
            replies.add(refused != null ? refused : apply.apply(key));
        }

        @Override
        public List<Object> sync() {
            inFlightAtSync.add(inFlight.get());
            batchSizesAtSync.add(replies.size());
            inFlight.addAndGet(-replies.size());
            List<Object> out = new ArrayList<>(replies);
            replies.clear();
            ValkeyException failure = lost;
            lost = null;
            afterSync.accept(syncs.incrementAndGet());
            if (failure != null) {
                throw failure;
            }
            return out;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                inFlight.addAndGet(-replies.size());
                replies.clear();
            }
        }
    }
}
