package io.vst.valkey;

import io.vst.valkey.resp.ErrorCategory;
import io.vst.valkey.resp.ErrorMapper;
import io.vst.valkey.resp.RawCommand;
import io.vst.valkey.resp.Resp;
import io.vst.valkey.resp.ValkeyException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisDataException;

/** The valkey-search commands of a {@link ValkeyClient}, sent raw and parsed by vst's own parsers. */
final class SearchCommands {

    private static final long POLL_MILLIS = 100;

    private final ValkeyClient client;

    SearchCommands(ValkeyClient client) {
        this.client = client;
    }

    void create(IndexDefinition definition) {
        client.guard("FT.CREATE " + definition.name(), () -> ServerNodes.call(client.nodes().any(),
                RawCommand.of(definition.toArguments().toArray(new String[0]))));
    }

    /** FT.INFO of the index; in a cluster, every primary's combined ({@link FtInfo#combine}). */
    FtInfo info(String index) {
        if (client.nodes().primaries().size() > 1) {
            return FtInfo.combine(List.copyOf(infoPerNode(index).values()));
        }
        return client.guard("FT.INFO " + index, () -> FtInfo.parse(ServerNodes.call(client.nodes().any(),
                RawCommand.of("FT.INFO", index))));
    }

    /** FT.INFO from every primary: in a cluster each node reports its own share of the documents. */
    java.util.Map<String, FtInfo> infoPerNode(String index) {
        return client.guard("FT.INFO " + index, () -> {
            java.util.Map<String, FtInfo> out = new java.util.LinkedHashMap<>();
            client.nodes().callAll(RawCommand.of("FT.INFO", index)).forEach((node, reply) -> out.put(node,
                    FtInfo.parse(reply)));
            return out;
        });
    }

    void drop(String index) {
        client.guard("FT.DROPINDEX " + index, () -> ServerNodes.call(client.nodes().any(),
                RawCommand.of("FT.DROPINDEX", index)));
    }

    List<String> list() {
        return client.guard("FT._LIST", () -> Resp.asTextList(ServerNodes.call(client.nodes().any(),
                RawCommand.of("FT._LIST"))));
    }

    SearchResult search(KnnQuery query) {
        return client.guard("FT.SEARCH " + query.index(), () -> SearchResult.parse(
                ServerNodes.call(client.nodes().next(), RawCommand.ofBytes(query.toArguments())),
                query.scoreAlias()));
    }

    List<SearchOutcome> searchBatch(List<KnnQuery> queries) {
        return client.guard("FT.SEARCH batch", () -> ServerNodes.with(client.nodes().next(), connection -> {
            List<Response<Object>> responses = new ArrayList<>(queries.size());
            try (Pipeline p = new Pipeline(connection, false)) {
                for (KnnQuery q : queries) {
                    responses.add(p.sendCommand(RawCommand.ofBytes(q.toArguments())));
                }
                p.sync();
            }
            List<SearchOutcome> out = new ArrayList<>(queries.size());
            for (int i = 0; i < queries.size(); i++) {
                try {
                    out.add(new SearchOutcome(SearchResult.parse(responses.get(i).get(),
                            queries.get(i).scoreAlias()), null));
                } catch (JedisDataException e) {
                    out.add(new SearchOutcome(null, ErrorMapper.map(e, "FT.SEARCH " + queries.get(i).index(),
                            client.endpoint().address())));
                } catch (ValkeyException e) {
                    out.add(new SearchOutcome(null, e));
                }
            }
            return out;
        }));
    }

    /** Polls FT.INFO on every primary until all are ready; returns their last FT.INFO, combined. */
    FtInfo awaitReady(String index, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        FtInfo last = everyPrimary(index, deadline);
        while (!last.isReady()) {
            if (System.nanoTime() > deadline) {
                throw new ValkeyException(ErrorCategory.TIMEOUT, "Index " + index + " is not ready after "
                        + timeout.toSeconds() + " s (state " + last.state() + ", backfill "
                        + Math.round(last.backfillCompletePercent() * 100) + "%)", null,
                        "a large backfill takes time; raise the wait or check the server's log", null);
            }
            if (!waitMillis(Math.min(POLL_MILLIS,
                    TimeUnit.NANOSECONDS.toMillis(Math.max(1, deadline - System.nanoTime()))))) {
                throw new ValkeyException(ErrorCategory.TIMEOUT, "Interrupted while waiting for index " + index,
                        null, null, null);
            }
            last = everyPrimary(index, deadline);
        }
        return last;
    }

    /**
     * FT.INFO of every primary combined ({@link FtInfo#combine}: ready when all are). In a cluster the
     * coordinator brings a new index to the other primaries a moment after FT.CREATE: until the deadline, a
     * primary that does not know the index yet reads as not ready.
     */
    private FtInfo everyPrimary(String index, long deadline) {
        try {
            return FtInfo.combine(List.copyOf(infoPerNode(index).values()));
        } catch (ValkeyException e) {
            boolean propagating = client.nodes().primaries().size() > 1 && e.getMessage() != null
                    && e.getMessage().contains("not found") && System.nanoTime() < deadline;
            if (!propagating) {
                throw e;
            }
            return new FtInfo(index, List.of(), 0, 0, 0, true, 0, 0, "", "not yet on every primary", List.of());
        }
    }

    private static boolean waitMillis(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
