import io.vst.dataset.FloatCodec;
import io.vst.dataset.Metric;
import io.vst.dataset.SyntheticSource;
import io.vst.valkey.ClientSettings;
import io.vst.valkey.ValkeyClient;
import io.vst.valkey.ValkeyEndpoint;
import io.vst.valkey.resp.CommandPipeline;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Client CPU per vector of each part of vst's ingest path, one thread, one connection, pipelined batches:
 * generation alone, then generation + the write through Jedis' pipeline (a new byte[] per vector, as
 * vst did), then generation + the raw RESP pipeline (floats encoded into its buffer). Thread CPU time,
 * interleaved repetitions, min / median / max. The server is flushed between parts.
 *
 *   java -cp target/vst-0.1.0-all.jar bench/ingest/ClientPathBench.java PORT [N] [DIMS] [REPS] [BATCH]
 */
public class ClientPathBench {

    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int dims = args.length > 2 ? Integer.parseInt(args[2]) : 1536;
        int reps = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        int batch = args.length > 4 ? Integer.parseInt(args[4]) : 100;
        ValkeyEndpoint ep = ValkeyEndpoint.parse("valkey://127.0.0.1:" + port);
        SyntheticSource source = SyntheticSource.unbounded(dims, Metric.L2, 42);
        String[] parts = {"generate", "jedis", "raw"};
        List<List<Double>> us = new ArrayList<>();
        for (String ignored : parts) {
            us.add(new ArrayList<>());
        }
        for (int r = 0; r <= reps; r++) {
            for (int p = 0; p < parts.length; p++) {
                System.setProperty("vst.pipeline", parts[p].equals("jedis") ? "jedis" : "raw");
                double perVector = run(ep, source, parts[p], n, dims, batch);
                if (r > 0) {   // repetition 0 warms the JIT
                    us.get(p).add(perVector);
                }
            }
        }
        System.out.printf(Locale.ROOT, "%,d x %d-d, batches of %d, client thread CPU-us per vector, min / median / max of %d:%n",
                n, dims, batch, reps);
        for (int p = 0; p < parts.length; p++) {
            System.out.printf(Locale.ROOT, "  %-9s %s%n", parts[p], mmm(us.get(p)));
        }
        List<Double> ratio = new ArrayList<>();
        for (int r = 0; r < reps; r++) {
            ratio.add((us.get(1).get(r) - us.get(0).get(r)) / (us.get(2).get(r) - us.get(0).get(r)));
        }
        System.out.printf(Locale.ROOT, "  write cost (less generation), jedis / raw: %s%n", mmm(ratio));
    }

    private static double run(ValkeyEndpoint ep, SyntheticSource source, String part, int n, int dims, int batch) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        byte[] field = "vector".getBytes(StandardCharsets.UTF_8);
        float[] v = new float[dims];
        try (ValkeyClient client = ValkeyClient.connect(ep, ClientSettings.of(2))) {
            client.command("FLUSHALL");
            long t0 = mx.getCurrentThreadCpuTime();
            if (part.equals("generate")) {
                double sink = 0;
                for (int i = 0; i < n; i++) {
                    source.read(i, v);
                    sink += v[i % dims];
                }
                if (Double.isNaN(sink)) {
                    System.out.println(sink);
                }
            } else {
                try (CommandPipeline pipe = client.pipeline()) {
                    for (int i = 0; i < n; i += batch) {
                        int m = Math.min(batch, n - i);
                        for (int j = 0; j < m; j++) {
                            source.read(i + j, v);
                            byte[] key = ("vec:" + (i + j)).getBytes(StandardCharsets.UTF_8);
                            if (part.equals("jedis")) {
                                pipe.hset(key, field, FloatCodec.toLittleEndian(v));
                            } else {
                                pipe.hsetVector(key, field, v);
                            }
                        }
                        if (pipe.sync().size() != m) {
                            throw new IllegalStateException("replies missing");
                        }
                    }
                }
            }
            double perVector = (mx.getCurrentThreadCpuTime() - t0) / 1e3 / n;
            if (!part.equals("generate") && client.dbSize() != n) {
                throw new IllegalStateException("DBSIZE " + client.dbSize() + ", expected " + n);
            }
            return perVector;
        }
    }

    private static String mmm(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        s.sort(null);
        return String.format(Locale.ROOT, "%.2f / %.2f / %.2f", s.get(0), s.get(s.size() / 2), s.get(s.size() - 1));
    }
}
