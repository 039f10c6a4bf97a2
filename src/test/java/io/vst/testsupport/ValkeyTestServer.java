package io.vst.testsupport;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vst.valkey.ValkeyEndpoint;
import io.vst.valkey.server.ManagedCluster;
import io.vst.valkey.server.ManagedServer;
import io.vst.valkey.server.ManagedServerOptions;

/**
 * A real {@code valkey-server} child process for tests of any package, on a free loopback port, stopped
 * by PID on {@link #close()}.
 *
 * <pre>{@code
 * try (ValkeyTestServer server = ValkeyTestServer.start()) {
 *     ValkeyClient client = ValkeyClient.connect(server.endpoint(), 2);
 * }
 * }</pre>
 *
 * <p>Without a {@code valkey-server} on PATH the test is skipped by assumption, unless the environment
 * sets {@code VST_TEST_REQUIRE_VALKEY=1}: then it fails.
 */
public final class ValkeyTestServer implements AutoCloseable {

    private final ManagedServer server;

    private ValkeyTestServer(ManagedServer server) {
        this.server = server;
    }

    /** Starts a server with the default options plus {@code extraArgs}. */
    public static ValkeyTestServer start(String... extraArgs) {
        return start(ManagedServerOptions.defaults().withArgs(extraArgs));
    }

    public static ValkeyTestServer start(ManagedServerOptions options) {
        requireBinary();
        return new ValkeyTestServer(ManagedServer.start(options));
    }

    /** Starts a local cluster of {@code primaries} nodes (no replicas). */
    public static ManagedCluster startCluster(int primaries) {
        requireBinary();
        return ManagedCluster.start(ManagedServerOptions.defaults(), primaries);
    }

    /** Skips (or, with VST_TEST_REQUIRE_VALKEY=1, fails) when no valkey-server is installed. */
    public static void requireBinary() {
        boolean available = ManagedServer.isAvailable();
        if (!available && "1".equals(System.getenv("VST_TEST_REQUIRE_VALKEY"))) {
            fail("valkey-server is not on PATH but VST_TEST_REQUIRE_VALKEY=1 requires it");
        }
        assumeTrue(available, "valkey-server is not on PATH");
    }

    public ManagedServer server() {
        return server;
    }

    public ValkeyEndpoint endpoint() {
        return server.endpoint();
    }

    public int port() {
        return server.port();
    }

    public long pid() {
        return server.pid();
    }

    @Override
    public void close() {
        server.stop();
    }
}
