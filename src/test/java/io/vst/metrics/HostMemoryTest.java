package io.vst.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.vst.testsupport.ValkeyTestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** /proc fields read in place, against the same files read here with a regular expression. */
class HostMemoryTest {

    private static double byRegex(String text, String field) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(field) + "\\s*(\\d+)\\s*(kB)?").matcher(text);
        if (!m.find()) {
            return Double.NaN;
        }
        return Double.parseDouble(m.group(1)) * (m.group(2) == null ? 1 : 1024);
    }

    @Test
    void fieldsOfProcTextParseAsTheReferenceParsesThem() {
        String status = "Name:\tvalkey-server\nUmask:\t0022\nState:\tS (sleeping)\nVmPeak:\t  123456 kB\n"
                + "VmRSS:\t    9876 kB\nThreads:\t5\nRssAnon:\t 5000 kB\n";
        assertThat(HostMemory.field(status, "VmRSS:")).isEqualTo(9876 * 1024.0).isEqualTo(byRegex(status, "VmRSS:"));
        assertThat(HostMemory.field(status, "Threads:")).isEqualTo(5.0).isEqualTo(byRegex(status, "Threads:"));
        // The first line, and a field whose name ends another's (RssAnon is not "Anon:").
        assertThat(HostMemory.field(status, "Name:")).isNaN();
        assertThat(HostMemory.field("MemTotal:       24682416 kB\nMemFree: 1 kB\n", "MemTotal:"))
                .isEqualTo(24682416 * 1024.0);
        assertThat(HostMemory.field(status, "Anon:")).isNaN();
        assertThat(HostMemory.field(status, "VmSwap:")).isNaN();
        assertThat(HostMemory.field("VmRSS:\n", "VmRSS:")).isNaN();
    }

    @Test
    void anIdleServersRssAndThisMachinesAvailableMemoryMatchTheFilesReadHere() throws Exception {
        try (ValkeyTestServer server = ValkeyTestServer.start()) {
            Path status = Path.of("/proc", Long.toString(server.pid()), "status");
            // An idle server's RSS moves rarely: read until two reads of the test agree around vst's.
            double vst = Double.NaN;
            double before = 0;
            double after = 1;
            for (int i = 0; i < 20 && before != after; i++) {
                before = byRegex(Files.readString(status), "VmRSS:");
                vst = HostMemory.processRssBytes(server.pid());
                after = byRegex(Files.readString(status), "VmRSS:");
            }
            assertThat(before).isEqualTo(after);
            assertThat(vst).isEqualTo(before).isGreaterThan(1024 * 1024);
        }
        double available = HostMemory.availableBytes();
        double reference = byRegex(Files.readString(Path.of("/proc/meminfo")), "MemAvailable:");
        assertThat(available).isPositive().isCloseTo(reference, org.assertj.core.data.Percentage.withPercentage(5));
        assertThat(HostMemory.processRssBytes(-1)).isNaN();
        assertThat(HostMemory.processRssBytes(Integer.MAX_VALUE)).isNaN();
    }
}
