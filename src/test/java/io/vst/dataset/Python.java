package io.vst.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs Debian's python3 with h5py and numpy, the independent writer of the files the readers are
 * tested on. Skips when it is missing, unless VST_TEST_REQUIRE_VALKEY=1 asks the full setup.
 */
final class Python {

    private static String interpreter;

    private Python() {
    }

    /** The interpreter that imports h5py and numpy; assumption failure (or test failure) otherwise. */
    static synchronized String require() {
        if (interpreter == null) {
            for (String candidate : List.of("/usr/bin/python3", "python3")) {
                if (works(candidate)) {
                    interpreter = candidate;
                    break;
                }
            }
        }
        if (interpreter == null) {
            if ("1".equals(System.getenv("VST_TEST_REQUIRE_VALKEY"))) {
                fail("python3 with h5py and numpy is required (apt-get install python3-h5py python3-numpy)");
            }
            assumeTrue(false, "python3-h5py / python3-numpy not installed");
        }
        return interpreter;
    }

    /** Runs {@code script} in {@code dir}, failing the test with its output on a non-zero exit. */
    static String run(Path dir, String script) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(require(), "-c", script).directory(dir.toFile()).redirectErrorStream(true).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("python3 did not finish in 120 s");
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as("python3 output: %s", out).isZero();
        return out;
    }

    private static boolean works(String exe) {
        try {
            Process p = new ProcessBuilder(exe, "-c", "import h5py, numpy").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
