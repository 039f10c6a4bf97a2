package io.vst.valkey.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Reads what a {@link ManagedServer} wrote: its stdout file and its log file, in its working directory. */
final class ServerLog {

    private static final int TAIL_LINES = 5;

    private ServerLog() {
    }

    /** The last lines of each file, joined with {@code " | "}. */
    static String tail(Path directory, Path logFile) {
        StringBuilder sb = new StringBuilder();
        for (Path p : List.of(directory.resolve("stdout.log"), logFile)) {
            List<String> lines = read(p);
            lines.stream().skip(Math.max(0, lines.size() - TAIL_LINES)).forEach(l -> sb.append(l).append(" | "));
        }
        return sb.toString();
    }

    /** Every line of both files that {@code wanted} accepts. */
    static List<String> lines(Path directory, Path logFile, Predicate<String> wanted) {
        List<String> out = new ArrayList<>();
        for (Path p : List.of(directory.resolve("stdout.log"), logFile)) {
            read(p).stream().filter(wanted).forEach(out::add);
        }
        return out;
    }

    private static List<String> read(Path p) {
        try {
            return Files.exists(p) ? Files.readAllLines(p, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            return List.of("(cannot read " + p + ": " + e.getMessage() + ")");
        }
    }
}
