package io.vst.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The CPU time HotSpot's JIT compiler threads ({@code C1 CompilerThread*}, {@code C2 CompilerThread*}) have
 * used, read from {@code /proc/self/task} (Linux). A compilation in progress shows here at once, while the
 * JVM's own compilation time counts a compilation only when it ends: a 0.8 s C2 compile would look like
 * silence until then.
 */
final class CompilerThreads {

    private static final Path TASKS = Path.of("/proc/self/task");

    private CompilerThreads() {
    }

    /** Whether this system shows threads' CPU time ({@code /proc/self/task}). */
    static boolean readable() {
        return Files.isDirectory(TASKS) && cpuTicks() >= 0;
    }

    /**
     * User plus system time of the compiler threads alive now, in clock ticks (usually 1/100 s); -1 when
     * it cannot be read. Threads that ended are not counted, so compare readings close in time.
     */
    static long cpuTicks() {
        long ticks = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
            for (Path task : tasks) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"), StandardCharsets.US_ASCII);
                } catch (IOException ended) {
                    continue; // the thread ended while listed
                }
                ticks += compilerTicks(stat);
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return ticks;
    }

    /**
     * utime + stime of one {@code /proc/<pid>/task/<tid>/stat} line when its thread is a JIT compiler thread,
     * else 0. The name is in parentheses and may hold blanks; the fields after it count from the state.
     */
    static long compilerTicks(String stat) {
        int open = stat.indexOf('(');
        int close = stat.lastIndexOf(')');
        if (open < 0 || close < open) {
            return 0;
        }
        String name = stat.substring(open + 1, close);
        if (!name.startsWith("C1 CompilerThre") && !name.startsWith("C2 CompilerThre")) {
            return 0;
        }
        String[] f = stat.substring(close + 2).trim().split(" ");
        // f[0] is the state (field 3); utime and stime are fields 14 and 15.
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }
}
