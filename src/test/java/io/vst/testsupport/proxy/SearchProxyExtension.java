package io.vst.testsupport.proxy;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts one {@link SearchProxy} (with its own valkey-server) for a test class and stops it after the
 * last test; skips the class when valkey-server is missing (fails under {@code VST_TEST_REQUIRE_VALKEY=1}).
 *
 * <pre>{@code
 * @RegisterExtension
 * static final SearchProxyExtension SEARCH = new SearchProxyExtension();
 *
 * @Test
 * void searches() {
 *     int port = SEARCH.proxy().port();
 * }
 * }</pre>
 */
public final class SearchProxyExtension implements BeforeAllCallback, AfterAllCallback {

    private volatile SearchProxy proxy;

    @Override
    public void beforeAll(ExtensionContext context) {
        BackendServer.assumeAvailable();
        proxy = SearchProxy.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        SearchProxy running = proxy;
        proxy = null;
        if (running != null) {
            running.close();
        }
    }

    /** The running proxy (only between the class's first and last test). */
    public SearchProxy proxy() {
        SearchProxy running = proxy;
        if (running == null) {
            throw new IllegalStateException("the search proxy runs only while the test class runs");
        }
        return running;
    }
}
