package io.vst.cli;

import java.util.Locale;
import picocli.CommandLine.IVersionProvider;

/**
 * Reports the version from the jar manifest, the Java runtime and the heap this JVM may grow to, so a user
 * can see whether {@code VST_JAVA_OPTS=-Xmx...} (or the launcher's default) took effect.
 */
final class VersionProvider implements IVersionProvider {
    private static final long MIB = 1024L * 1024L;

    @Override
    public String[] getVersion() {
        String v = VersionProvider.class.getPackage().getImplementationVersion();
        return new String[] {"vst " + (v == null ? "dev" : v), javaLine(Runtime.getRuntime().maxMemory())};
    }

    /** "Java 17.0.15 (OpenJDK 64-Bit Server VM), max heap 512 MiB" for a JVM that may grow to 512 MiB. */
    static String javaLine(long maxHeapBytes) {
        String heap = maxHeapBytes == Long.MAX_VALUE ? "no limit" : (maxHeapBytes + MIB / 2) / MIB + " MiB";
        return String.format(Locale.ROOT, "Java %s (%s), max heap %s",
                System.getProperty("java.version"), System.getProperty("java.vm.name"), heap);
    }
}
