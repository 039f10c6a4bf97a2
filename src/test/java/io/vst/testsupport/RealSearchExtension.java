package io.vst.testsupport;

import io.vst.valkey.ValkeyEndpoint;
import io.vst.valkey.server.ManagedServer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts one valkey-server with the real valkey-search module for a test class and stops it (by pid)
 * after the last test; skips the class with the reason when the module is absent, fails under
 * {@code VST_TEST_REQUIRE_SEARCH=1}.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final RealSearchExtension SEARCH = new RealSearchExtension();
 *
 * @Test
 * void indexes() {
 *     ValkeyClient client = ValkeyClient.connect(SEARCH.endpoint(), 2);
 * }
 * }</pre>
 */
public final class RealSearchExtension implements BeforeAllCallback, AfterAllCallback {

    private final String[] extraArgs;
    private volatile ManagedServer server;

    public RealSearchExtension(String... extraArgs) {
        this.extraArgs = extraArgs.clone();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        server = RealSearch.start(extraArgs);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        ManagedServer running = server;
        server = null;
        if (running != null) {
            running.stop();
        }
    }

    /** The running server (only between the class's first and last test). */
    public ManagedServer server() {
        ManagedServer running = server;
        if (running == null) {
            throw new IllegalStateException("the valkey-search server runs only while the test class runs");
        }
        return running;
    }

    public ValkeyEndpoint endpoint() {
        return server().endpoint();
    }
}
