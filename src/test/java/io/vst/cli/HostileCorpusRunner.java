package io.vst.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs command lines through {@link Main#run} one after another in this JVM (started by
 * {@link HostileInputTest} with a small -Xmx), timing each and measuring its peak heap, and writes what
 * each printed and returned as JSON. Arguments: the JSON file of cases (name, args), the result file.
 */
public final class HostileCorpusRunner {

    private HostileCorpusRunner() {
    }

    public static void main(String[] argv) throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<Map<String, Object>> cases = json.readValue(Path.of(argv[0]).toFile(), new TypeReference<>() { });
        List<Map<String, Object>> results = new ArrayList<>();
        for (Map<String, Object> c : cases) {
            System.out.println("start " + c.get("name"));
            @SuppressWarnings("unchecked")
            List<String> args = (List<String>) c.get("args");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            System.gc();
            heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
            long start = System.nanoTime();
            int code;
            PrintStream savedErr = System.err;
            PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
            System.setErr(errStream); // logback writes warnings to System.err: they count as output too
            try {
                code = Main.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                        errStream);
            } catch (Throwable t) {
                code = -1;
                errStream.println("THROWN: " + t);
            } finally {
                System.setErr(savedErr);
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            System.out.println(c.get("name") + " " + code + " " + millis + " ms");
            long peak = heapPools().stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("name", c.get("name"));
            r.put("code", code);
            r.put("millis", millis);
            r.put("peakHeapBytes", peak);
            r.put("out", out.toString(StandardCharsets.UTF_8));
            r.put("err", err.toString(StandardCharsets.UTF_8));
            results.add(r);
        }
        json.writeValue(Path.of(argv[1]).toFile(), results);
    }

    private static List<MemoryPoolMXBean> heapPools() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
    }
}
