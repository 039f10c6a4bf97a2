package io.vst.dataset;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.NativeBLAS;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The installed optimised BLAS (OpenBLAS, MKL or BLIS, loaded through netlib's JNI binding), used by
 * {@link ExactKnn} for its blocks of dot products. It is used only when it is native and optimised:
 * netlib's pure-Java fallback and the reference BLAS are both slower than ExactKnn's own kernel, so
 * then {@link #active()} is empty and ExactKnn keeps its kernel. The system property
 * {@code vst.blas=off} forces the kernel.
 *
 * <pre>{@code
 * NativeSgemm blas = NativeSgemm.active().orElse(null);   // null: ExactKnn's own kernel runs
 * String which = NativeSgemm.describe();                  // e.g. "OpenBLAS sgemm (/usr/lib/.../libopenblas.so.0)"
 * }</pre>
 */
public final class NativeSgemm {

    /** System property: {@code off} forces ExactKnn's own kernel even where a native BLAS loads. */
    public static final String PROPERTY = "vst.blas";

    // netlib logs a warning through java.util.logging when no native library loads; vst reports it itself
    private static final Logger NETLIB_LOG = Logger.getLogger("dev.ludovic.netlib.blas.InstanceBuilder");
    private static final Loaded LOADED = load();

    private record Loaded(NativeSgemm blas, String description) {
    }

    private final BLAS blas;

    private NativeSgemm(BLAS blas) {
        this.blas = blas;
    }

    /** The native optimised BLAS, unless none loaded or {@code vst.blas=off}. Any thread. */
    public static Optional<NativeSgemm> active() {
        if (forcedOff()) {
            return Optional.empty();
        }
        return Optional.ofNullable(LOADED.blas());
    }

    /** Which implementation computes exact neighbours, for logs and command output. */
    public static String describe() {
        if (forcedOff()) {
            return "vst's own kernel (" + PROPERTY + "=off)";
        }
        return LOADED.description();
    }

    private static boolean forcedOff() {
        return "off".equalsIgnoreCase(System.getProperty(PROPERTY, "").trim());
    }

    /**
     * {@code out[q * b + j] = rows[j] · queries[q]} for {@code b} row-major rows and {@code nq}
     * row-major queries of {@code d} floats starting at {@code qOffset}. Any thread.
     */
    void dots(float[] rows, int b, float[] queries, int qOffset, int nq, int d, float[] out) {
        // column-major: C (b x nq) = rows^T^T (b x d) * queries^T (d x nq); a row-major row block is a
        // column-major d x b matrix, hence "T"
        blas.sgemm("T", "N", b, nq, d, 1f, rows, 0, d, queries, qOffset, d, 0f, out, 0, b);
    }

    private static Loaded load() {
        NETLIB_LOG.setLevel(Level.OFF);
        BLAS blas;
        try {
            blas = NativeBLAS.getInstance();
        } catch (RuntimeException | LinkageError e) {
            return new Loaded(null, "vst's own kernel (no native BLAS loads: " + e.getMessage()
                    + "; install libopenblas0-pthread for faster exact neighbours)");
        }
        Set<String> libs = mappedBlasLibraries();
        String optimised = libs.stream().filter(NativeSgemm::isOptimised).findFirst().orElse(null);
        if (optimised == null) {
            return new Loaded(null, "vst's own kernel (the native BLAS " + (libs.isEmpty() ? "found" : String.join(", ", libs))
                    + " is not an optimised one; install libopenblas0-pthread for faster exact neighbours)");
        }
        NativeSgemm s = new NativeSgemm(blas);
        if (!s.agreesWithPlainProducts()) {
            return new Loaded(null, "vst's own kernel (the native BLAS " + optimised + " computed wrong products)");
        }
        return new Loaded(s, name(optimised) + " sgemm (" + optimised + ")");
    }

    private static boolean isOptimised(String lib) {
        String l = lib.toLowerCase(Locale.ROOT);
        return l.contains("openblas") || l.contains("mkl") || l.contains("blis");
    }

    private static String name(String lib) {
        String l = lib.toLowerCase(Locale.ROOT);
        return l.contains("openblas") ? "OpenBLAS" : l.contains("mkl") ? "MKL" : "BLIS";
    }

    /** The BLAS libraries this process has mapped (their real paths): what the JNI binding opened. */
    private static Set<String> mappedBlasLibraries() {
        Set<String> out = new LinkedHashSet<>();
        List<String> maps;
        try {
            maps = Files.readAllLines(Path.of("/proc/self/maps"));
        } catch (IOException | UnsupportedOperationException e) {
            return out;
        }
        for (String line : maps) {
            int slash = line.indexOf('/');
            if (slash < 0) {
                continue;
            }
            String path = line.substring(slash).trim();
            String file = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
            if ((file.contains("blas") || file.contains("mkl") || file.contains("blis")) && !file.contains("netlibblasjni")) {
                out.add(path);
            }
        }
        return out;
    }

    /** A small product checked against plain arithmetic, so a broken library is never used. */
    private boolean agreesWithPlainProducts() {
        int b = 5;
        int nq = 3;
        int d = 7;
        float[] rows = new float[b * d];
        float[] qs = new float[nq * d];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = (i * 7 % 11) - 5;
        }
        for (int i = 0; i < qs.length; i++) {
            qs[i] = (i * 5 % 13) - 6;
        }
        float[] out = new float[b * nq];
        try {
            dots(rows, b, qs, 0, nq, d, out);
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
        for (int q = 0; q < nq; q++) {
            for (int j = 0; j < b; j++) {
                float s = 0;
                for (int i = 0; i < d; i++) {
                    s += rows[j * d + i] * qs[q * d + i];
                }
                // small integers: every product and sum is exact in float
                if (s != out[q * b + j]) {
                    return false;
                }
            }
        }
        return true;
    }
}
