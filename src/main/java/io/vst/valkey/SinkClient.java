package io.vst.valkey;

import io.vst.VstException;
import io.vst.valkey.resp.CommandPipeline;
import io.vst.valkey.resp.PipelinePool;
import io.vst.valkey.resp.SinkServer;
import java.io.IOException;
import java.util.List;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisProtocol;

/**
 * A {@link WorkloadClient} whose pipelines are the real raw pipelines of a standalone server, connected to an
 * in-process {@link SinkServer} instead of a server: what they send goes nowhere. Searches and FT.INFO are
 * refused. For the JIT warm-up of the write path; close it to stop the sink.
 */
public final class SinkClient implements WorkloadClient, AutoCloseable {

    private final SinkServer sink;
    private final PipelinePool pipelines;

    private SinkClient(SinkServer sink, int connections) {
        this.sink = sink;
        DefaultJedisClientConfig config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(2000).socketTimeoutMillis(10_000)
                .protocol(RedisProtocol.RESP2).build();
        this.pipelines = new PipelinePool(new HostAndPort("127.0.0.1", sink.port()), config,
                "warm-up sink 127.0.0.1:" + sink.port(), connections);
    }

    /** A sink on a free loopback port, with room for {@code connections} pipelines at once. */
    public static SinkClient start(int connections) {
        try {
            return new SinkClient(SinkServer.start(), Math.max(1, connections));
        } catch (IOException e) {
            throw VstException.runtime("cannot open a loopback port for the warm-up: " + e.getMessage(), e);
        }
    }

    /** How many keyed commands the sink has answered. */
    public long commandsAnswered() {
        return sink.writes();
    }

    /** How many connections the sink has accepted. */
    public int connectionsAccepted() {
        return sink.connectionsAccepted();
    }

    @Override
    public CommandPipeline pipeline() {
        return pipelines.take();
    }

    @Override
    public SearchResult search(KnnQuery query) {
        throw refused();
    }

    @Override
    public List<SearchOutcome> searchBatch(List<KnnQuery> queries) {
        throw refused();
    }

    @Override
    public FtInfo ftInfo(String index) {
        throw refused();
    }

    @Override
    public int closeIdleConnections() {
        return pipelines.closeIdle();
    }

    private static VstException refused() {
        return VstException.runtime("the warm-up sink answers writes only", null);
    }

    @Override
    public void close() {
        pipelines.closeIdle();
        sink.close();
    }
}
