package io.vst.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The JIT threads' CPU as /proc shows it: only compiler threads count, read from the right fields. */
class CompilerThreadsTest {

    @Test
    void aCompilerThreadsLineCountsItsUserAndSystemTimeAndOtherThreadsCountNothing() {
        // Fields after the name: state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime ...
        String c2 = "4242 (C2 CompilerThre) S 1 1 1 0 -1 4194624 10 0 0 0 173 29 0 0 20 0 30 0 5 0 0";
        String worker = "4243 (vst-ingest (1)) R 1 1 1 0 -1 4194624 10 0 0 0 500 70 0 0 20 0 30 0 5 0 0";
        assertThat(CompilerThreads.compilerTicks(c2)).isEqualTo(173 + 29);
        assertThat(CompilerThreads.compilerTicks(worker)).isZero();
        assertThat(CompilerThreads.compilerTicks("garbage")).isZero();
        // fields 18 and 19, priority and nice, follow utime, stime and the children's two:
        // 20 and 0 here; at nice 19, 39 and 19
        assertThat(CompilerThreads.niceOf(c2)).isZero();
        assertThat(CompilerThreads.niceOf("4244 (C1 CompilerThre) S 1 1 1 0 -1 4194624 10 0 0 0 9 1 0 0 39 19 30 0 5"))
                .isEqualTo(19);
    }

    @Test
    void theSumIsTheCompilerThreadsTimeInProc() throws IOException {
        Path tasks = Path.of("/proc/self/task");
        assumeTrue(Files.isDirectory(tasks), "no /proc/self/task on this system");
        long reading = CompilerThreads.cpuTicks();
        // Read apart: each task's comm file names it; its stat's 14th and 15th fields (after the name) are the times.
        long apart = 0;
        List<Path> listed = new ArrayList<>();
        try (Stream<Path> s = Files.list(tasks)) {
            s.forEach(listed::add);
        }
        int compilers = 0;
        for (Path t : listed) {
            String comm;
            String stat;
            try {
                comm = Files.readString(t.resolve("comm")).strip();
                stat = Files.readString(t.resolve("stat"));
            } catch (IOException ended) {
                continue;
            }
            if (comm.startsWith("C1 CompilerThre") || comm.startsWith("C2 CompilerThre")) {
                compilers++;
                String[] after = stat.substring(stat.lastIndexOf(')') + 2).split("\\s+");
                apart += Long.parseLong(after[11]) + Long.parseLong(after[12]);
            }
        }
        assertThat(compilers).as("HotSpot's compiler threads").isPositive();
        // The threads run on between the two readings: the later one can only be as large or larger.
        assertThat(apart).isGreaterThanOrEqualTo(reading).isPositive();
        assertThat(apart - reading).isLessThan(50);
    }
}
