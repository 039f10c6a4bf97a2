package io.vst.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * packaging/kubernetes: the manifests parse, the Indexed Job hands each pod its index and the Job's uid, and
 * the command lines are ones vst's own parser accepts with the values the merge expects.
 */
class KubernetesManifestTest {

    private static final Path DIR = Path.of("packaging/kubernetes");
    private static final String UID = "6f1c2d3e-0000-4a5b-9c8d-7e6f5a4b3c2d";
    private static final Pattern VAR = Pattern.compile("\\$\\(([A-Z_][A-Z0-9_]*)\\)");

    @TempDir
    Path tmp;

    @Test
    void theShardJobIsIndexedAndEachPodRunsItsShard() throws IOException {
        List<Map<String, Object>> docs = load("shard-job.yaml");
        Map<String, Object> job = kind(docs, "Job");
        Map<String, Object> spec = map(job, "spec");
        assertThat(spec.get("completionMode")).isEqualTo("Indexed");
        int n = (Integer) spec.get("completions");
        assertThat(spec.get("parallelism")).as("every shard at once: they meet at each step").isEqualTo(n);
        assertThat(n).isGreaterThan(1);
        Map<String, Object> pod = map(map(spec, "template"), "spec");
        Map<String, Object> container = first(pod, "containers");
        Map<String, String> fields = envFields(container);
        assertThat(fields).containsEntry("JOB_COMPLETION_INDEX",
                "metadata.annotations['batch.kubernetes.io/job-completion-index']");
        assertThat(fields).containsEntry("VST_SHARD_GROUP", "metadata.labels['batch.kubernetes.io/controller-uid']");
        List<String> args = strings(container.get("args"));
        for (Matcher m = VAR.matcher(String.join(" ", args)); m.find(); ) {
            assertThat(fields).as("$(" + m.group(1) + ") names an env var of the pod, else it stays literal")
                    .containsKey(m.group(1));
        }
        // The scenario file the args name is the ConfigMap's key, where the pod mounts it.
        Map<String, Object> configMap = kind(docs, "ConfigMap");
        String scenarioArg = args.get(args.indexOf("--scenario") + 1);
        assertThat(scenarioArg).isEqualTo(mountPath(container, "scenario") + "/" + map(configMap, "data").keySet()
                .iterator().next());
        Path scenario = Files.writeString(tmp.resolve("scenario.yaml"), (String) map(configMap, "data")
                .get("scenario.yaml"));
        assertThat(vst("scenario", "validate", "--scenario", scenario.toString())).as("the scenario is valid")
                .isZero();
        assertThat(strings(map(kind(docs, "PersistentVolumeClaim"), "spec").get("accessModes")))
                .containsExactly("ReadWriteMany");
        for (int i = 0; i < n; i++) {
            List<String> pa = substitute(args, Map.of("JOB_COMPLETION_INDEX", String.valueOf(i), "VST_SHARD_GROUP", UID));
            ParseResult run = parse(withoutShardOptions(pa)).subcommand();
            assertThat(run.commandSpec().name()).isEqualTo("run");
            assertThat(run.matchedOptionValue("--output", (Path) null)).isEqualTo(Path.of("/runs/shard-" + i));
            assertThat(run.matchedOptionValue("--scenario", "")).isEqualTo(scenarioArg);
            boolean shardOption = run.commandSpec().findOption("--shard") != null;
            assumeTrue(shardOption, "this build's 'vst run' has no --shard option yet (it comes with the sharded run)");
            ParseResult full = parse(pa).subcommand();
            assertThat(full.matchedOptionValue("--shard", "")).isEqualTo(i + "/" + n);
            assertThat(full.matchedOptionValue("--shard-group", "")).isEqualTo(UID);
        }
    }

    @Test
    void theMergeJobMergesEveryShardsFolderOnTheSameVolume() throws IOException {
        List<Map<String, Object>> shardDocs = load("shard-job.yaml");
        Map<String, Object> shardJob = kind(shardDocs, "Job");
        int n = (Integer) map(shardJob, "spec").get("completions");
        Map<String, Object> shardPod = map(map(map(shardJob, "spec"), "template"), "spec");
        List<Map<String, Object>> docs = load("merge-job.yaml");
        Map<String, Object> job = kind(docs, "Job");
        Map<String, Object> pod = map(map(map(job, "spec"), "template"), "spec");
        Map<String, Object> container = first(pod, "containers");
        ParseResult merge = parse(strings(container.get("args"))).subcommand();
        assertThat(merge.commandSpec().name()).isEqualTo("merge");
        List<Path> expected = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            expected.add(Path.of("/runs/shard-" + i));
        }
        List<Path> given = merge.matchedPositionalValue(0, List.of());
        assertThat(given).as("one folder per shard, as the shard Job writes them").containsExactlyElementsOf(expected);
        assertThat(merge.matchedOptionValue("--output", (Path) null)).isEqualTo(Path.of("/runs/merged"));
        assertThat(mountPath(container, "runs")).isEqualTo(mountPath(first(shardPod, "containers"), "runs"));
        assertThat(claim(pod, "runs")).isEqualTo(claim(shardPod, "runs"));
        Map<String, Object> fetch = map(kind(docs, "Pod"), "spec");
        assertThat(claim(fetch, "runs")).isEqualTo(claim(shardPod, "runs"));
        assertThat(Files.readString(DIR.resolve("README.md"))).contains("kubectl apply -f shard-job.yaml",
                "kubectl wait --for=condition=complete job/vst-shards", "kubectl apply -f merge-job.yaml",
                "kubectl cp vst-fetch:/runs/merged");
    }

    private static ParseResult parse(List<String> args) {
        CommandLine cmd = Main.newCommandLine(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        return cmd.parseArgs(args.toArray(String[]::new));
    }

    private static int vst(String... args) {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        return Main.run(args, new PrintStream(sink, true, StandardCharsets.UTF_8),
                new PrintStream(sink, true, StandardCharsets.UTF_8));
    }

    /** The args without --shard and --shard-group and their values, for a build that lacks them. */
    private static List<String> withoutShardOptions(List<String> args) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("--shard") || args.get(i).equals("--shard-group")) {
                i++;
            } else {
                out.add(args.get(i));
            }
        }
        return out;
    }

    /** What Kubernetes does to $(VAR) in args. */
    private static List<String> substitute(List<String> args, Map<String, String> env) {
        return args.stream().map(a -> {
            Matcher m = VAR.matcher(a);
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(sb, Matcher.quoteReplacement(env.get(m.group(1))));
            }
            return m.appendTail(sb).toString();
        }).toList();
    }

    private static Map<String, String> envFields(Map<String, Object> container) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Object e : (List<?>) container.get("env")) {
            Map<String, Object> var = cast(e);
            out.put((String) var.get("name"), (String) map(map(var, "valueFrom"), "fieldRef").get("fieldPath"));
        }
        return out;
    }

    private static String mountPath(Map<String, Object> container, String volume) {
        for (Object m : (List<?>) container.get("volumeMounts")) {
            if (volume.equals(cast(m).get("name"))) {
                return (String) cast(m).get("mountPath");
            }
        }
        throw new AssertionError("no mount of volume " + volume);
    }

    private static String claim(Map<String, Object> podSpec, String volume) {
        for (Object v : (List<?>) podSpec.get("volumes")) {
            if (volume.equals(cast(v).get("name"))) {
                return (String) map(cast(v), "persistentVolumeClaim").get("claimName");
            }
        }
        throw new AssertionError("no volume " + volume);
    }

    private static List<Map<String, Object>> load(String file) throws IOException {
        List<Map<String, Object>> docs = new ArrayList<>();
        for (Object doc : new Load(LoadSettings.builder().build()).loadAllFromString(Files.readString(DIR.resolve(file)))) {
            docs.add(cast(doc));
        }
        return docs;
    }

    private static Map<String, Object> kind(List<Map<String, Object>> docs, String kind) {
        return docs.stream().filter(d -> kind.equals(d.get("kind"))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind));
    }

    private static Map<String, Object> first(Map<String, Object> m, String key) {
        return cast(((List<?>) m.get(key)).get(0));
    }

    private static Map<String, Object> map(Map<String, Object> m, String key) {
        assertThat(m).containsKey(key);
        return cast(m.get(key));
    }

    private static List<String> strings(Object list) {
        return ((List<?>) list).stream().map(String::valueOf).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object o) {
        return (Map<String, Object>) o;
    }
}
