import io.vst.engine.PlanOptions;
import io.vst.engine.RunPlan;
import io.vst.scenario.Diagnostic;
import io.vst.scenario.schema.SchemaRegistry;
import io.vst.scenario.validate.ScenarioValidator;
import io.vst.scenario.validate.ValidationOptions;
import io.vst.scenario.yaml.ParseResult;
import io.vst.scenario.yaml.ScenarioReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * Times reading and validating a generated scenario of N steps in-process after warm-up, and compares
 * with the reference figures in reference.properties (same machine class) side by side.
 *
 * Usage: ValidationBench [steps=5000] [warmup=20] [runs=30]
 */
public final class ValidationBench {

    public static void main(String[] args) throws IOException {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        String text = generate(steps);
        SchemaRegistry registry = SchemaRegistry.builtin();
        ValidationOptions options = ValidationOptions.defaults();

        ParseResult check = ScenarioReader.read(text, "generated.yaml");
        List<Diagnostic> found = new ScenarioValidator(registry, options).validate(check);
        if (check.hasErrors() || found.stream().anyMatch(Diagnostic::isError)) {
            found.forEach(d -> System.err.println(d.format()));
            throw new IllegalStateException("generated scenario is not valid");
        }
        for (int i = 0; i < warmup; i++) {
            ParseResult r = ScenarioReader.read(text, "generated.yaml");
            new ScenarioValidator(registry, options).validate(r);
            RunPlan.of(r.scenario(), registry, PlanOptions.defaults());
        }
        double[] read = new double[runs];
        double[] validate = new double[runs];
        double[] plan = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            ParseResult r = ScenarioReader.read(text, "generated.yaml");
            long t1 = System.nanoTime();
            new ScenarioValidator(registry, options).validate(r);
            long t2 = System.nanoTime();
            RunPlan.of(r.scenario(), registry, PlanOptions.defaults());
            long t3 = System.nanoTime();
            read[i] = (t1 - t0) / 1e6;
            validate[i] = (t2 - t1) / 1e6;
            plan[i] = (t3 - t2) / 1e6;
        }
        double[] total = new double[runs];
        for (int i = 0; i < runs; i++) {
            total[i] = read[i] + validate[i];
        }
        Properties ref = new Properties();
        Path refFile = Path.of("bench/scenario/reference.properties");
        if (Files.isRegularFile(refFile)) {
            try (var in = Files.newBufferedReader(refFile)) {
                ref.load(in);
            }
        }
        System.out.printf(Locale.ROOT, "scenario: %d steps, %d lines, %d KiB; warm-up %d, measured %d runs%n", steps,
                text.split("\n").length, text.length() / 1024, warmup, runs);
        System.out.printf(Locale.ROOT, "%-26s %10s %10s %10s %12s%n", "phase", "median ms", "p90 ms", "min ms",
                "vs reference");
        row("read (YAML -> model)", read, ref.getProperty("read.median"));
        row("validate", validate, ref.getProperty("validate.median"));
        row("read + validate", total, ref.getProperty("total.median"));
        row("plan (RunPlan.of)", plan, ref.getProperty("plan.median"));
        double median = median(total);
        System.out.printf(Locale.ROOT, "target: read + validate < 300 ms -> %s (%.2fx of budget)%n",
                median < 300 ? "met" : "NOT met", median / 300);
    }

    private static void row(String name, double[] v, String reference) {
        double m = median(v);
        String ratio = reference == null ? "-" : String.format(Locale.ROOT, "%.2fx", m / Double.parseDouble(reference));
        System.out.printf(Locale.ROOT, "%-26s %10.1f %10.1f %10.1f %12s%n", name, m, pct(v, 0.9),
                Arrays.stream(v).min().orElse(0), ratio);
    }

    private static double median(double[] v) {
        return pct(v, 0.5);
    }

    private static double pct(double[] v, double p) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[Math.min(s.length - 1, (int) Math.floor(p * s.length))];
    }

    /** A realistic mix: ingest / checkpoints with compare_with / queries / shrinks / loops / parallel / conditionals. */
    public static String generate(int steps) {
        StringBuilder sb = new StringBuilder(steps * 160);
        sb.append("name: generated\ndescription: generated for the validation benchmark\ndataset: synthetic-128\n")
                .append("global_config:\n  n_threads: 4\n  n_clients: 16\n  batch_size: 1000\nsteps:\n");
        long vectors = 0;
        int made = 0;
        for (int i = 0; made < steps; i++) {
            switch (i % 8) {
                case 0 -> {
                    vectors += 1000;
                    sb.append("  - name: ingest_").append(i).append("\n    type: workload\n    workload: ingest\n")
                            .append("    config:\n      batch_size: 500\n")
                            .append("    parameters:\n      target_vectors: ").append(vectors).append("\n      shuffle: true\n");
                    made++;
                }
                case 1 -> {
                    sb.append("  - name: cp_").append(i).append("\n    type: checkpoint\n    parameters:\n")
                            .append("      collect_full_metrics: true\n      tag: t").append(i).append('\n');
                    if (i > 8) {
                        sb.append("      compare_with: cp_").append(i - 8).append('\n');
                    }
                    made++;
                }
                case 2 -> {
                    sb.append("  - name: query_").append(i).append("\n    type: workload\n    workload: query\n")
                            .append("    duration_seconds: 1\n    parameters:\n      query_k: 10\n")
                            .append("      queries_per_second: 100\n");
                    made++;
                }
                case 3 -> {
                    vectors -= 200;
                    sb.append("  - name: shrink_").append(i).append("\n    type: workload\n    workload: shrink\n")
                            .append("    parameters:\n      target_vectors: ").append(vectors)
                            .append("\n      removal_strategy: oldest\n");
                    made++;
                }
                case 4 -> {
                    sb.append("  - name: loop_").append(i).append("\n    type: loop\n    iterations: 2\n    steps:\n")
                            .append("      - name: lq_").append(i).append("_${loop_index}\n        type: workload\n")
                            .append("        workload: query\n        max_operations: 10\n");
                    made += 2;
                }
                case 5 -> {
                    sb.append("  - name: par_").append(i).append("\n    type: parallel\n    steps:\n")
                            .append("      - name: pq_").append(i).append("\n        type: workload\n")
                            .append("        workload: query\n        duration_seconds: 1\n")
                            .append("      - name: pm_").append(i).append("\n        type: checkpoint\n")
                            .append("        interval_seconds: 1\n");
                    made += 3;
                }
                case 6 -> {
                    sb.append("  - name: cond_").append(i).append("\n    type: conditional\n    condition:\n")
                            .append("      metric: memory_usage_mb\n      operator: greater_than\n      value: 4096\n")
                            .append("    if_true:\n      - name: wait_").append(i).append("\n        type: wait\n")
                            .append("        parameters:\n          duration_seconds: 1\n");
                    made += 2;
                }
                default -> {
                    sb.append("  - name: mixed_").append(i).append("\n    type: workload\n    workload: mixed\n")
                            .append("    max_operations: 100\n    parameters:\n      query_ratio: 0.9\n")
                            .append("      update_ratio: 0.1\n");
                    made++;
                }
            }
        }
        return sb.toString();
    }
}
