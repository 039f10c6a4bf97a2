package io.vst.metrics;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Memory figures of this machine and of local processes, from /proc (Linux). */
public final class HostMemory {

    private HostMemory() {
    }

    /** MemAvailable of this machine in bytes, or NaN when /proc/meminfo cannot be read. */
    public static double availableBytes() {
        return procField(Path.of("/proc/meminfo"), "MemAvailable:");
    }

    /** Resident set size of process {@code pid} in bytes (VmRSS), or NaN when unknown. */
    public static double processRssBytes(long pid) {
        if (pid <= 0) {
            return Double.NaN;
        }
        return procField(Path.of("/proc", Long.toString(pid), "status"), "VmRSS:");
    }

    private static double procField(Path file, String field) {
        // Read up to the field, not the whole file: the sampler reads it every interval.
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.US_ASCII)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith(field)) {
                    String[] parts = line.substring(field.length()).trim().split("\\s+");
                    double v = Double.parseDouble(parts[0]);
                    return parts.length > 1 && parts[1].equalsIgnoreCase("kB") ? v * 1024 : v;
                }
            }
            return Double.NaN;
        } catch (IOException | NumberFormatException e) {
            return Double.NaN;
        }
    }
}
