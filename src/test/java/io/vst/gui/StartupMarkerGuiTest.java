package io.vst.gui;

import static org.assertj.core.api.Assertions.assertThat;

import io.vst.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The moment {@code vst gui --close-after} reports (what bench/gui/startup.sh measures start-up to) lies
 * between the wall clock before and after the command, and its "after JVM start" figure is that moment
 * less the JVM's start time as the runtime reports it.
 */
class StartupMarkerGuiTest {

    private static final Pattern LINE =
            Pattern.compile("window '([^']+)' usable (\\d+) ms after JVM start \\(epoch ms (\\d+)\\)");

    @Test
    void theUsableMomentIsWithinTheCommandAndAfterTheJvmStart(@TempDir Path dir) {
        GuiTestSupport.requireDisplay();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        long before = System.currentTimeMillis();
        int code = Main.run(new String[] {"gui", "--close-after", "0", "--output", dir.resolve("runs").toString()},
                out, out);
        long after = System.currentTimeMillis();
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(code).as(text).isZero();
        Matcher m = LINE.matcher(text);
        assertThat(m.find()).as(text).isTrue();
        assertThat(m.group(1)).startsWith("vst");
        long usable = Long.parseLong(m.group(3));
        assertThat(usable).isBetween(before, after);
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        assertThat(Long.parseLong(m.group(2))).isEqualTo(usable - jvmStart);
    }
}
