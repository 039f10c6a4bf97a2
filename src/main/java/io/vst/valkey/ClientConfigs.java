package io.vst.valkey;

import io.vst.valkey.resp.RawCommand;
import io.vst.valkey.resp.Resp;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.UnifiedJedis;

/** Jedis client configuration from an endpoint, cluster detection, and the pooled client over both. */
final class ClientConfigs {

    private ClientConfigs() {
    }

    static DefaultJedisClientConfig clientConfig(ValkeyEndpoint ep, ClientSettings settings) {
        DefaultJedisClientConfig.Builder b = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(settings.connectTimeoutMillis())
                .socketTimeoutMillis(settings.socketTimeoutMillis())
                .protocol(settings.resp3() ? RedisProtocol.RESP3 : RedisProtocol.RESP2)
                .database(ep.database())
                .clientName("vst");
        if (ep.user() != null) {
            b.user(ep.user());
        }
        if (ep.password() != null) {
            b.password(ep.password().reveal());
        }
        if (ep.tls()) {
            b.ssl(true).sslSocketFactory(TlsContexts.socketFactory(ep, settings.connectTimeoutMillis()))
                    .sslParameters(TlsContexts.parameters(ep));
        }
        return b.build();
    }

    /** Opens one connection, sends PING and closes it; fails as the connection or the PING fails. */
    static void ping(HostAndPort address, DefaultJedisClientConfig config) {
        try (Connection c = new Connection(address, config)) {
            c.executeCommand(RawCommand.of("PING"));
        }
    }

    static boolean detectCluster(HostAndPort address, DefaultJedisClientConfig config) {
        try (Connection c = new Connection(address, config)) {
            Map<String, String> info = InfoReplies.parseInfo(Resp.text(c.executeCommand(RawCommand.of("INFO",
                    "cluster"))));
            return "1".equals(info.get("cluster_enabled"));
        }
    }

    /**
     * A client of {@code poolSize} connections per node, for a cluster or a standalone server; a command waits
     * at most {@code maxWaitMillis} for a free connection.
     */
    static UnifiedJedis pooled(HostAndPort address, DefaultJedisClientConfig config, int poolSize, long maxWaitMillis,
            boolean cluster) {
        GenericObjectPoolConfig<Connection> pool = new GenericObjectPoolConfig<>();
        pool.setMaxTotal(poolSize);
        pool.setMaxIdle(poolSize);
        pool.setMaxWait(Duration.ofMillis(maxWaitMillis));
        pool.setJmxEnabled(false);
        return cluster
                ? RedisClusterClient.builder().nodes(Set.of(address)).clientConfig(config).poolConfig(pool).build()
                : RedisClient.builder().hostAndPort(address).clientConfig(config).poolConfig(pool).build();
    }
}
