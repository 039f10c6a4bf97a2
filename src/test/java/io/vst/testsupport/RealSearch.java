package io.vst.testsupport;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vst.valkey.server.ManagedServer;
import io.vst.valkey.server.ManagedServerOptions;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real valkey-search module for tests: a {@code valkey-server} 8.1.1 and {@code libsearch.so} (1.0.3)
 * in a folder beside the project ({@code ../shared/valkey-search}, or {@code $VST_SEARCH_HOME}), started
 * as a child process on a free loopback port and stopped by pid.
 *
 * <pre>{@code
 * try (ManagedServer server = RealSearch.start()) {
 *     ValkeyClient client = ValkeyClient.connect(server.endpoint(), 2);
 * }
 * }</pre>
 *
 * <p>Without the folder the test is skipped by assumption, with the reason; when the environment sets
 * {@code VST_TEST_REQUIRE_SEARCH=1} (scripts/test.sh does where the folder exists) it fails instead.
 */
public final class RealSearch {

    /** Environment variable naming the folder that holds {@code bin/valkey-server} and {@code bin/libsearch.so}. */
    public static final String HOME_ENV = "VST_SEARCH_HOME";
    /** Environment variable that turns a missing module into a failure. */
    public static final String REQUIRE_ENV = "VST_TEST_REQUIRE_SEARCH";

    private RealSearch() {
    }

    /** The module's folder: {@code $VST_SEARCH_HOME}, else {@code ../shared/valkey-search} from the project root. */
    public static Path home() {
        String env = System.getenv(HOME_ENV);
        if (env != null && !env.isBlank()) {
            return Path.of(env).toAbsolutePath();
        }
        Path root = Path.of("").toAbsolutePath();
        return root.resolveSibling("shared").resolve("valkey-search");
    }

    /** The valkey-server 8.1.1 that can load the module. */
    public static Path serverBinary() {
        return home().resolve("bin/valkey-server");
    }

    /** The valkey-search shared object. */
    public static Path module() {
        return home().resolve("bin/libsearch.so");
    }

    /** Whether both files are there. */
    public static boolean isAvailable() {
        return Files.isExecutable(serverBinary()) && Files.isRegularFile(module());
    }

    /** Skips the calling test when the module is absent, or fails under {@code VST_TEST_REQUIRE_SEARCH=1}. */
    public static void requireAvailable() {
        boolean available = isAvailable();
        String reason = "the real valkey-search module is not at " + home() + " (set " + HOME_ENV
                + " to the folder holding bin/valkey-server and bin/libsearch.so)";
        if (!available && "1".equals(System.getenv(REQUIRE_ENV))) {
            fail(reason + " but " + REQUIRE_ENV + "=1 requires it");
        }
        assumeTrue(available, reason);
    }

    /** The options that start the module's server with the module loaded. */
    public static ManagedServerOptions options() {
        return ManagedServerOptions.defaults().withBinary(serverBinary()).withModule(module());
    }

    /** Starts the module's server with the module loaded plus {@code extraArgs}; skips when absent. */
    public static ManagedServer start(String... extraArgs) {
        requireAvailable();
        return ManagedServer.start(options().withArgs(extraArgs));
    }
}
