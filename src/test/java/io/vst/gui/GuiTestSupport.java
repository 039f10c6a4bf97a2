package io.vst.gui;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vst.valkey.server.ManagedServer;
import java.awt.GraphicsEnvironment;

/** Skips GUI tests without a display (or fails them when VST_TEST_REQUIRE_VALKEY=1 asks for everything). */
final class GuiTestSupport {

    private GuiTestSupport() {
    }

    private static boolean required() {
        return "1".equals(System.getenv("VST_TEST_REQUIRE_VALKEY"));
    }

    static void requireDisplay() {
        boolean display = !GraphicsEnvironment.isHeadless() && System.getenv("DISPLAY") != null;
        if (!display && required()) {
            fail("VST_TEST_REQUIRE_VALKEY=1 but there is no display: run the tests under xvfb-run");
        }
        assumeTrue(display, "no display (run under xvfb-run)");
    }

    static void requireValkey() {
        boolean available = ManagedServer.isAvailable();
        if (!available && required()) {
            fail("VST_TEST_REQUIRE_VALKEY=1 but valkey-server is not installed");
        }
        assumeTrue(available, "valkey-server is not installed");
    }
}
