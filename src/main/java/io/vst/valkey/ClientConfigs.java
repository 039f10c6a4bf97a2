package io.vst.valkey;

import java.util.Map;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisProtocol;

/** Jedis client configuration from an endpoint, and cluster detection. */
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

    /**
     * One connection that proves the server answers: {@code INFO cluster} when {@code askCluster}, else PING.
     *
     * @return whether the server reports cluster mode (false when not asked)
     */
    static boolean firstContact(HostAndPort address, DefaultJedisClientConfig config, boolean askCluster) {
        try (Connection c = new Connection(address, config)) {
            if (!askCluster) {
                c.executeCommand(RawCommand.of("PING"));
                return false;
            }
            Map<String, String> info = InfoReplies.parseInfo(Resp.text(c.executeCommand(RawCommand.of("INFO",
                    "cluster"))));
            return "1".equals(info.get("cluster_enabled"));
        }
    }
}
