package io.vst.valkey;

import io.vst.valkey.resp.BatchResult;
import io.vst.valkey.resp.CommandPipeline;
import io.vst.valkey.resp.ErrorMapper;
import io.vst.valkey.resp.JedisCommandPipeline;
import io.vst.valkey.resp.PipelinePool;
import io.vst.valkey.resp.PipelineResponses;
import io.vst.valkey.resp.ValkeyException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;

/**
 * vst's only way to talk to Valkey: pooled, for a standalone server or a cluster, safe to call from many
 * threads. Every failure is a {@link ValkeyException} with an {@link io.vst.valkey.resp.ErrorCategory}.
 *
 * <p>Batches are pipelined: {@code n_threads} workers call {@link #writeVectors(List)} concurrently and
 * share the pool's {@link ClientSettings#poolSize()} connections per node, each batch holding one
 * connection (per node) while it runs. Per-node commands (INFO, MEMORY, SCAN, DBSIZE) run on every
 * primary; FT.* commands go to one primary, as valkey-search coordinates the cluster itself.
 *
 * <pre>{@code
 * try (ValkeyClient client = ValkeyClient.connect(endpoint, ClientSettings.of(8))) {
 *     client.ftCreate(IndexDefinition.hnsw("idx", "vec:", 128, IndexDefinition.Metric.L2));
 *     BatchResult r = client.writeVectors(List.of(VectorWrite.of("vec:1", bytes)));
 *     client.awaitIndexReady("idx", Duration.ofMinutes(5));
 *     SearchResult hits = client.search(KnnQuery.of("idx", "vector", 10, query));
 * }
 * }</pre>
 */
public final class ValkeyClient implements AutoCloseable, WorkloadClient {

    /** The HASH field holding the vector bytes. */
    public static final String VECTOR_FIELD = "vector";

    static {
        // Jedis writes through an 8 KiB buffer by default: one system call per 1536-d vector. 64 KiB per
        // connection sends a pipelined batch in ~10x fewer calls (read once, when Jedis' stream class loads).
        System.getProperties().putIfAbsent("jedis.bufferSize.output", "65536");
    }

    private final ValkeyEndpoint endpoint;
    private final UnifiedJedis jedis;
    private final boolean cluster;
    private final ServerNodes nodes;
    private final String where;
    private final SearchCommands search;
    private final NodeCommands node;
    /** Raw pipelines of a standalone server, bounded and kept like the pool's connections. */
    private final PipelinePool pipelines;
    private final DefaultJedisClientConfig config;

    private ValkeyClient(ValkeyEndpoint endpoint, UnifiedJedis jedis, boolean cluster, DefaultJedisClientConfig config,
            int poolSize) {
        this.endpoint = endpoint;
        this.jedis = jedis;
        this.cluster = cluster;
        this.pipelines = new PipelinePool(new HostAndPort(endpoint.host(), endpoint.port()), config,
                endpoint.address(), poolSize);
        this.where = endpoint.address();
        this.nodes = new ServerNodes(jedis, endpoint.address());
        this.search = new SearchCommands(this);
        this.node = new NodeCommands(this);
        this.config = config;
    }

    /** Connects with {@code poolSize} connections per node and checks the server answers PING. */
    public static ValkeyClient connect(ValkeyEndpoint endpoint, int poolSize) {
        return connect(endpoint, ClientSettings.of(poolSize));
    }

    /**
     * Connects and checks the server answers PING; the mode of {@link ClusterMode#AUTO} is read from
     * {@code INFO cluster} first. That first exchange (handshake, then PING or INFO) waits at most the
     * connect timeout, so a server that accepts the connection and never answers ends the connect then, not
     * after the (longer) socket timeout of the commands.
     */
    public static ValkeyClient connect(ValkeyEndpoint endpoint, ClientSettings settings) {
        DefaultJedisClientConfig config = ClientConfigs.clientConfig(endpoint, settings);
        HostAndPort address = new HostAndPort(endpoint.host(), endpoint.port());
        try {
            DefaultJedisClientConfig firstContact = ClientConfigs.clientConfig(endpoint,
                    settings.withSocketTimeoutMillis(settings.connectTimeoutMillis()));
            boolean cluster;
            if (endpoint.cluster() == ClusterMode.AUTO) {
                cluster = ClientConfigs.detectCluster(address, firstContact);
            } else {
                ClientConfigs.ping(address, firstContact);
                cluster = endpoint.cluster() == ClusterMode.CLUSTER;
            }
            UnifiedJedis jedis = ClientConfigs.pooled(address, config, settings.poolSize(),
                    settings.socketTimeoutMillis(), cluster);
            ValkeyClient client = new ValkeyClient(endpoint, jedis, cluster, config, settings.poolSize());
            try {
                client.ping();
            } catch (ValkeyException e) {
                client.close();
                throw e;
            }
            return client;
        } catch (io.vst.VstException e) {
            // Already in words (a bad TLS file, a failure mapped by ping): pass it on unchanged.
            throw e;
        } catch (RuntimeException e) {
            throw ErrorMapper.map(e, "Connecting", endpoint.address());
        }
    }

    public ValkeyEndpoint endpoint() {
        return endpoint;
    }

    public boolean isCluster() {
        return cluster;
    }

    /** {@code host:port} of every primary, in a stable order. */
    public List<String> primaryAddresses() {
        return guard("Listing primaries", () -> nodes.primaries().stream().map(ServerNodes.Node::address).toList());
    }

    public String ping() {
        return node.ping();
    }

    // ---- data -----------------------------------------------------------------------------------------

    /** {@code HSET key vector <bytes> [field value ...]} for each item, pipelined. */
    public BatchResult writeVectors(List<VectorWrite> batch) {
        byte[] field = VECTOR_FIELD.getBytes(StandardCharsets.UTF_8);
        return pipelined("HSET batch", batch, VectorWrite::key, (p, w) -> {
            Map<byte[], byte[]> hash = new LinkedHashMap<>();
            hash.put(field, w.vector());
            for (int i = 0; i < w.extraFields().size(); i += 2) {
                hash.put(w.extraFields().get(i), w.extraFields().get(i + 1));
            }
            return p.hset(w.key(), hash);
        }).result();
    }

    /** UNLINKs the keys, pipelined one per command (cluster-safe); returns how many existed. */
    public long deleteKeys(List<String> keys) {
        return perKey("UNLINK batch", keys, Pipeline::unlink).sumOfLongs();
    }

    /** How many of the keys exist. */
    public long countExisting(List<String> keys) {
        return perKey("EXISTS batch", keys, Pipeline::exists).countTrue();
    }

    private PipelineResponses perKey(String op, List<String> keys,
            java.util.function.BiFunction<Pipeline, byte[], Response<?>> command) {
        List<byte[]> raw = new ArrayList<>(keys.size());
        for (String k : keys) {
            raw.add(k.getBytes(StandardCharsets.UTF_8));
        }
        return pipelined(op, raw, k -> k, command);
    }

    /** The stored vector bytes of a key, or {@code null} when the key or field is absent. */
    public byte[] readVector(String key) {
        return guard("HGET " + key, () -> jedis.hget(key.getBytes(StandardCharsets.UTF_8),
                VECTOR_FIELD.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * The stored vector bytes of many keys, pipelined (HGET key vector); {@code null} entries for absent
     * keys. For validating what a run wrote.
     */
    public List<byte[]> readVectors(List<String> keys) {
        byte[] field = VECTOR_FIELD.getBytes(StandardCharsets.UTF_8);
        return perKey("HGET batch", keys, (p, k) -> p.hget(k, field)).values();
    }

    /** Every key starting with {@code prefix}, from every primary (SCAN MATCH prefix*). */
    public List<String> scanKeys(String prefix) {
        List<String> all = new ArrayList<>();
        scanKeys(prefix, all::addAll);
        return all;
    }

    /**
     * Streams the keys starting with {@code prefix} in batches of about {@value NodeCommands#SCAN_COUNT} to
     * {@code batches}, node by node; returns how many keys were seen. SCAN may report a key twice if the
     * key space is rehashed meanwhile.
     */
    public long scanKeys(String prefix, Consumer<List<String>> batches) {
        return node.scanKeys(prefix, batches);
    }

    /**
     * {@code INCR key} then {@code EXPIRE key seconds}, for a counter key vst writes itself (the shard
     * barrier's); returns the new value. Routed by the key's slot in a cluster.
     */
    public long incrementCounter(String key, long expirySeconds) {
        return guard("INCR " + key, () -> {
            long v = jedis.incr(key);
            jedis.expire(key, expirySeconds);
            return v;
        });
    }

    /** {@code GET key} of a counter key vst wrote: its value, 0 when the key is absent. */
    public long readCounter(String key) {
        return guard("GET " + key, () -> {
            String v = jedis.get(key);
            return v == null ? 0L : Long.parseLong(v.trim());
        });
    }

    /** {@code EXPIRE key seconds} of a key vst wrote. */
    public void expireKey(String key, long seconds) {
        guard("EXPIRE " + key, () -> jedis.expire(key, seconds));
    }

    /** Number of keys, summed over primaries. */
    public long dbSize() {
        return node.dbSize();
    }

    // ---- server state ---------------------------------------------------------------------------------

    /**
     * {@code INFO <section> [<section>...]} from every primary, with a cluster-wide aggregate. Several
     * sections in one command are read at one instant (the fields of all of them in one map).
     */
    public InfoSnapshot info(String section, String... more) {
        return node.info(section, more);
    }

    /** {@code MEMORY STATS} per primary, nested maps flattened with dotted keys. */
    public Map<String, Map<String, String>> memoryStats() {
        return node.memoryStats();
    }

    /** The raw {@code MEMORY MALLOC-STATS} text per primary. */
    public Map<String, String> mallocStats() {
        return node.mallocStats();
    }

    /** {@code MEMORY PURGE} on every primary (asks the allocator to return free pages). */
    public void memoryPurge() {
        node.memoryPurge();
    }

    /** Loaded modules of the first primary: name → version number as reported. */
    public Map<String, Long> moduleList() {
        return node.moduleList();
    }

    /** {@code CLIENT LIST} text of the first primary. */
    public String clientList() {
        return node.clientList();
    }

    /** {@code CONFIG GET pattern} on the first primary, as an ordered map. */
    public Map<String, String> configGet(String pattern) {
        return node.configGet(pattern);
    }

    // ---- search (valkey-search) -----------------------------------------------------------------------

    public void ftCreate(IndexDefinition definition) {
        search.create(definition);
    }

    public FtInfo ftInfo(String index) {
        return search.info(index);
    }

    /**
     * Non-blocking query connections on a standalone server without TLS (one selector per worker); over TLS
     * or on a cluster, a thread per connection over {@link #search}.
     */
    @Override
    public SearchChannels searchChannels(int connections, String name) {
        if (cluster || endpoint.tls()) {
            return WorkloadClient.super.searchChannels(connections, name);
        }
        return new NioSearchChannels(new java.net.InetSocketAddress(endpoint.host(), endpoint.port()), config,
                endpoint.address(), connections);
    }

    /** {@code FT.DROPINDEX index}; valkey-search has no DD: documents stay. */
    public void ftDropIndex(String index) {
        search.drop(index);
    }

    public List<String> ftList() {
        return search.list();
    }

    public SearchResult search(KnnQuery query) {
        return search.search(query);
    }

    /** Runs the queries pipelined on one connection; one result or error per query, in order. */
    public List<SearchOutcome> searchBatch(List<KnnQuery> queries) {
        return search.searchBatch(queries);
    }

    /**
     * Polls FT.INFO on every primary until each reports {@code state: ready}; throws TIMEOUT after
     * {@code timeout}.
     */
    public FtInfo awaitIndexReady(String index, Duration timeout) {
        return search.awaitReady(index, timeout);
    }

    /**
     * Runs any command on the first primary and returns the reply as text: arrays one element per line,
     * nested arrays indented. For administration and tests; data commands have their own methods.
     */
    public String command(String... words) {
        return node.command(words);
    }

    /**
     * A pipeline on a dedicated connection (per node in a cluster) for one worker thread; close it when
     * done. See {@link CommandPipeline}. On a standalone server it writes RESP itself into one large
     * buffer ({@code RespPipeline}: half the client CPU per command of Jedis' pipeline); in a cluster it
     * is Jedis' pipeline, which routes each key to its node. {@code -Dvst.pipeline=jedis} uses Jedis'
     * pipeline on a standalone server too (for comparison, or should a server dislike the raw writer).
     */
    public CommandPipeline pipeline() {
        if (!cluster && !"jedis".equals(System.getProperty("vst.pipeline"))) {
            return pipelines.take();
        }
        return guard("Opening a pipeline", () -> new JedisCommandPipeline(jedis.pipelined(), where));
    }

    @Override
    public void close() {
        pipelines.closeIdle();
        jedis.close();
    }

    /**
     * Closes every idle pooled connection (new ones are opened when next needed), so the server frees
     * their client buffers; returns how many were closed.
     */
    public int closeIdleConnections() {
        return guard("Closing idle connections", () -> {
            int closed = pipelines.closeIdle();
            if (jedis instanceof redis.clients.jedis.RedisClient single) {
                closed += single.getPool().getNumIdle();
                single.getPool().clear();
            } else if (jedis instanceof redis.clients.jedis.RedisClusterClient multi) {
                for (redis.clients.jedis.ConnectionPool pool : multi.getClusterNodes().values()) {
                    closed += pool.getNumIdle();
                    pool.clear();
                }
            }
            return closed;
        });
    }

    // ---- internals ------------------------------------------------------------------------------------

    ServerNodes nodes() {
        return nodes;
    }

    <T> T guard(String operation, Supplier<T> body) {
        try {
            return body.get();
        } catch (io.vst.VstException e) {
            throw e;
        } catch (RuntimeException e) {
            if (e instanceof redis.clients.jedis.exceptions.JedisConnectionException && cluster) {
                nodes.refresh();
            }
            throw ErrorMapper.map(e, operation, where);
        }
    }

    /** Pipelines one command per item on the primaries that serve the items' keys. */
    private <T> PipelineResponses pipelined(String op, List<T> items, java.util.function.Function<T, byte[]> keyOf,
            java.util.function.BiFunction<Pipeline, T, Response<?>> command) {
        return guard(op, () -> {
            PipelineResponses result = nodes.pipeline(op, where, items, keyOf, command);
            if (cluster && result.sawRedirect()) {
                // Slots moved: read the topology again so that the retry goes to the right node.
                nodes.refresh();
            }
            return result;
        });
    }
}
