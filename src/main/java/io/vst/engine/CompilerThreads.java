package io.vst.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The CPU time HotSpot's JIT compiler threads ({@code C1 CompilerThread*}, {@code C2 CompilerThread*}) have
 * used, read from {@code /proc/self/task} (Linux). A compilation in progress shows here at once, while the
 * JVM's own compilation time counts a compilation only when it ends: a 0.8 s C2 compile would look like
 * silence until then. {@link #lowerPriority} makes them yield the CPU to every other thread of the machine.
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
        long[] ticks = {0};
        return forEachCompiler((tid, stat) -> ticks[0] += compilerTicks(stat)) ? ticks[0] : -1;
    }

    /**
     * Sets the compiler threads' nice value to {@code nice} (with {@code renice}, from util-linux / bsdutils),
     * so that what they still compile runs on CPU time no other thread wants. A process can raise its threads'
     * nice value but not lower it again without privilege: the change lasts for the rest of the JVM.
     *
     * @return the compiler threads' nice values read back from {@code /proc} afterwards (empty when there is no
     *     {@code /proc/self/task} or no compiler thread); a value other than {@code nice} means renice failed
     */
    static List<Integer> lowerPriority(int nice) {
        List<String> ids = new ArrayList<>();
        forEachCompiler((tid, stat) -> ids.add(tid));
        if (ids.isEmpty()) {
            return List.of();
        }
        List<String> cmd = new ArrayList<>(List.of("renice", "-n", Integer.toString(nice), "-p"));
        cmd.addAll(ids);
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        } catch (IOException e) {
            // No renice on this system: the values read back below say so.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Integer> after = new ArrayList<>();
        forEachCompiler((tid, stat) -> after.add(niceOf(stat)));
        return after;
    }

    private interface TaskVisitor {
        void visit(String tid, String stat);
    }

    /**
     * Calls {@code visitor} with the id and stat line of every compiler thread alive now; false when
     * {@code /proc/self/task} cannot be read (or a line not parsed).
     */
    private static boolean forEachCompiler(TaskVisitor visitor) {
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
            for (Path task : tasks) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"), StandardCharsets.US_ASCII);
                } catch (IOException ended) {
                    continue; // the thread ended while listed
                }
                if (isCompiler(stat)) {
                    visitor.visit(task.getFileName().toString(), stat);
                }
            }
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** The nice value (field 19) of one {@code /proc/<pid>/task/<tid>/stat} line. */
    static int niceOf(String stat) {
        return Integer.parseInt(fieldsAfterName(stat)[16]);
    }

    /**
     * The fields of a stat line after the thread's name, which is in parentheses and may hold blanks: element 0 is
     * the state (field 3), element k field k + 3.
     */
    private static String[] fieldsAfterName(String stat) {
        return stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
    }

    private static boolean isCompiler(String stat) {
        int open = stat.indexOf('(');
        int close = stat.lastIndexOf(')');
        if (open < 0 || close < open) {
            return false;
        }
        String name = stat.substring(open + 1, close);
        return name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre");
    }

    /**
     * utime + stime of one {@code /proc/<pid>/task/<tid>/stat} line when its thread is a JIT compiler thread,
     * else 0. The name is in parentheses and may hold blanks; the fields after it count from the state.
     */
    static long compilerTicks(String stat) {
        if (!isCompiler(stat)) {
            return 0;
        }
        String[] f = fieldsAfterName(stat);
        // utime and stime are fields 14 and 15.
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }
}
