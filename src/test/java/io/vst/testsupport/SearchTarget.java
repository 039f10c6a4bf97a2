package io.vst.testsupport;

import io.vst.testsupport.proxy.SearchProxy;
import io.vst.valkey.ValkeyEndpoint;
import io.vst.valkey.server.ManagedServer;

/**
 * A server that answers FT.*: either the test-only proxy (exact brute-force answers in front of a plain
 * valkey-server) or the real valkey-search module. Search tests run over both with the same assertions.
 *
 * <pre>{@code
 * @ParameterizedTest
 * @EnumSource(SearchTarget.Kind.class)
 * void searches(SearchTarget.Kind kind) {
 *     try (SearchTarget target = kind.start()) {
 *         run(scenario, target.endpoint());
 *     }
 * }
 * }</pre>
 */
public sealed interface SearchTarget extends AutoCloseable {

    /** Which server answers FT.*. */
    enum Kind {
        /** The test-only proxy: exact answers, fault hooks. */
        PROXY,
        /** The real valkey-search 1.0.3 module in its own valkey-server 8.1.1. */
        MODULE;

        /** Starts a fresh target of this kind; skips the test when it is not installed. */
        public SearchTarget start() {
            if (this == PROXY) {
                ValkeyTestServer.requireBinary();
                return new Proxy(SearchProxy.start());
            }
            return new Module(RealSearch.start());
        }
    }

    ValkeyEndpoint endpoint();

    int port();

    /** The pid of the valkey-server that holds the data (the proxy's backend for the proxy). */
    long pid();

    /** Whether HNSW answers are exact (the proxy) rather than approximate (the real module). */
    boolean exactHnsw();

    @Override
    void close();

    /** The proxy target. */
    record Proxy(SearchProxy proxy) implements SearchTarget {
        @Override
        public ValkeyEndpoint endpoint() {
            return ValkeyEndpoint.loopback(proxy.port());
        }

        @Override
        public int port() {
            return proxy.port();
        }

        @Override
        public long pid() {
            return -1;
        }

        @Override
        public boolean exactHnsw() {
            return true;
        }

        @Override
        public void close() {
            proxy.close();
        }
    }

    /** The real-module target. */
    record Module(ManagedServer server) implements SearchTarget {
        @Override
        public ValkeyEndpoint endpoint() {
            return server.endpoint();
        }

        @Override
        public int port() {
            return server.port();
        }

        @Override
        public long pid() {
            return server.pid();
        }

        @Override
        public boolean exactHnsw() {
            return false;
        }

        @Override
        public void close() {
            server.stop();
        }
    }
}
