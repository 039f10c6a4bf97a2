package io.vst.scenario.yaml;

import io.vst.scenario.CheckpointStep;
import io.vst.scenario.CleanupStep;
import io.vst.scenario.Condition;
import io.vst.scenario.ConditionalStep;
import io.vst.scenario.Diagnostic;
import io.vst.scenario.ErrorHandling;
import io.vst.scenario.FieldSpec;
import io.vst.scenario.GlobalConfig;
import io.vst.scenario.IndexSpec;
import io.vst.scenario.LoopStep;
import io.vst.scenario.OnFailure;
import io.vst.scenario.Operator;
import io.vst.scenario.ParallelStep;
import io.vst.scenario.Parameters;
import io.vst.scenario.Scenario;
import io.vst.scenario.SourceSpan;
import io.vst.scenario.Step;
import io.vst.scenario.StepCommon;
import io.vst.scenario.StepType;
import io.vst.scenario.Trigger;
import io.vst.scenario.Values;
import io.vst.scenario.WaitStep;
import io.vst.scenario.WorkloadStep;
import io.vst.units.Units;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads scenario YAML into the {@link Scenario} model, keeping source positions.
 *
 * <p>Reading reports only what stops the text from being a scenario at all (YAML syntax, duplicate keys,
 * a top level that is not a mapping); everything else (types, ranges, names, workloads) is the
 * {@link io.vst.scenario.validate.ScenarioValidator}'s job, which uses the positioned tree kept in the {@link ParseResult}. The
 * model is built leniently: a value of the wrong type falls back to its default. Never throws for
 * anything in the text.
 *
 * <pre>
 * ParseResult r = ScenarioReader.read("name: demo\nsteps: []\n", "demo.yaml");
 * r.scenario().name();   // "demo"
 * </pre>
 */
public final class ScenarioReader {

    private ScenarioReader() {
    }

    /**
     * Reads a file; an unreadable, oversized or non-UTF-8 file is an error diagnostic, not an exception. The
     * size is checked before anything is read.
     */
    public static ParseResult read(Path file) {
        String name = file.toString();
        try {
            long size = Files.size(file);
            if (size > YamlLimits.MAX_FILE_BYTES) {
                return failed(Diagnostic.error(SourceSpan.at(name, 1, 1), "The scenario file has "
                        + Units.count(size) + " bytes; the limit is " + Units.count(YamlLimits.MAX_FILE_BYTES)
                        + " bytes (2 MiB)", YamlLimits.splitHint()));
            }
            byte[] bytes = Files.readAllBytes(file);
            TextDecoding.Decoded text = TextDecoding.decode(bytes, name);
            return text.problem() != null ? failed(text.problem()) : read(text.text(), name);
        } catch (IOException | java.io.UncheckedIOException e) {
            String why = e instanceof java.nio.file.NoSuchFileException ? "no such file"
                    : e instanceof java.nio.file.AccessDeniedException ? "permission denied" : e.getMessage();
            return failed(Diagnostic.error(SourceSpan.at(name, 0, 0), "Cannot read scenario file: " + why,
                    "check the path and its permissions"));
        }
    }

    private static ParseResult failed(Diagnostic d) {
        return new ParseResult(null, List.of(d));
    }

    /** Reads scenario text; {@code sourceName} is used in spans and as the fallback scenario name. */
    public static ParseResult read(String text, String sourceName) {
        List<Diagnostic> diagnostics = new ArrayList<>();
        YamlNode root = YamlTreeReader.read(text, sourceName, diagnostics);
        if (root == null) {
            return new ParseResult(null, diagnostics, null);
        }
        if (!(root instanceof YamlNode.Mapping map)) {
            diagnostics.add(Diagnostic.error(root.span(), "A scenario must be a mapping of keys "
                    + "(name, steps, ...), not " + root.kind(), "start the file with 'name: my_scenario'"));
            return new ParseResult(null, diagnostics, root);
        }
        Scenario scenario = scenario(map, sourceName, text);
        return new ParseResult(scenario, diagnostics, root);
    }

    /**
     * Reads a fragment as the guide shows them: a list of steps, a single step mapping (one with a
     * {@code type} key), or a partial scenario mapping. The result is a scenario holding those steps
     * (named after {@code sourceName}); a list item or step whose type cannot be told is an error here,
     * since a fragment exists to show steps. Used for documentation examples and editor snippets.
     */
    public static ParseResult readFragment(String text, String sourceName) {
        List<Diagnostic> diagnostics = new ArrayList<>();
        YamlNode root = YamlTreeReader.read(text, sourceName, diagnostics);
        if (root == null) {
            return new ParseResult(null, diagnostics, null);
        }
        List<YamlNode> items;
        YamlNode.Mapping scenarioMap = null;
        if (root instanceof YamlNode.Sequence seq) {
            items = seq.items();
        } else if (root instanceof YamlNode.Mapping m && m.get("type") != null) {
            items = List.of(m);
        } else if (root instanceof YamlNode.Mapping m) {
            scenarioMap = m;
            items = m.get("steps") instanceof YamlNode.Sequence seq ? seq.items() : List.of();
        } else {
            diagnostics.add(Diagnostic.error(root.span(), "A fragment must be a step, a list of steps or a "
                    + "scenario mapping, not " + root.kind(), null));
            return new ParseResult(null, diagnostics, root);
        }
        List<Step> steps = new ArrayList<>();
        for (YamlNode item : items) {
            Step s = item instanceof YamlNode.Mapping sm ? step(sm) : null;
            if (s == null) {
                diagnostics.add(Diagnostic.error(item.span(), "Not a step: needs a known 'type' (or a 'workload')",
                        null));
            } else {
                steps.add(s);
            }
        }
        Scenario base = scenarioMap == null ? null : scenario(scenarioMap, sourceName, text);
        Scenario s = base == null
                ? new Scenario(fallbackName(sourceName), null, null, null, Map.of(), null, null, steps, sourceName, text)
                : new Scenario(base.name(), base.description(), base.dataset(), base.timeoutSeconds(), base.metadata(),
                        base.globalConfig(), base.index(), steps, sourceName, text);
        return new ParseResult(s, diagnostics, root);
    }

    private static Scenario scenario(YamlNode.Mapping m, String sourceName, String text) {
        String name = str(m.get("name"));
        if (name == null) {
            name = fallbackName(sourceName);
        }
        Map<String, Object> metadata = new LinkedHashMap<>();
        if (YamlTreeReader.plain(m.get("metadata")) instanceof Map<?, ?> md) {
            md.forEach((k, v) -> metadata.put(String.valueOf(k), v));
        }
        GlobalConfig config = GlobalConfig.defaults().withOverrides(plainMap(m.get("global_config")));
        IndexSpec index = m.get("index") instanceof YamlNode.Mapping im ? index(im) : null;
        return new Scenario(name, str(m.get("description")), str(m.get("dataset")),
                Values.toDouble(YamlTreeReader.plain(m.get("timeout_seconds"))), metadata, config, index,
                steps(m.get("steps")), sourceName, text);
    }

    private static String fallbackName(String sourceName) {
        String base = Path.of(sourceName).getFileName() == null ? sourceName
                : Path.of(sourceName).getFileName().toString();
        int dot = base.lastIndexOf('.');
        return dot > 0 ? base.substring(0, dot) : base;
    }

    static List<Step> steps(YamlNode n) {
        List<Step> out = new ArrayList<>();
        if (n instanceof YamlNode.Sequence seq) {
            for (YamlNode item : seq.items()) {
                if (item instanceof YamlNode.Mapping sm) {
                    Step s = step(sm);
                    if (s != null) {
                        out.add(s);
                    }
                }
            }
        }
        return out;
    }

    /** The step a mapping describes, or {@code null} when its type cannot be told (the validator says why). */
    static Step step(YamlNode.Mapping m) {
        StepType type = StepType.fromYaml(str(m.get("type")));
        if (type == null && m.get("type") == null && m.get("workload") != null) {
            type = StepType.WORKLOAD; // missing type is reported; model it as what it clearly is
        }
        if (type == null) {
            return null;
        }
        StepCommon c = common(m);
        return switch (type) {
            case WORKLOAD -> new WorkloadStep(c, str(m.get("workload")));
            case CHECKPOINT -> new CheckpointStep(c);
            case WAIT -> new WaitStep(c);
            case CLEANUP -> new CleanupStep(c);
            case CONDITIONAL -> new ConditionalStep(c, condition(m.get("condition")), steps(m.get("if_true")),
                    steps(m.get("if_false")));
            case PARALLEL -> new ParallelStep(c, steps(m.get("steps")));
            case LOOP -> new LoopStep(c, Values.asInt(YamlTreeReader.plain(m.get("iterations")), 1),
                    steps(m.get("steps")));
        };
    }

    private static StepCommon common(YamlNode.Mapping m) {
        String name = str(m.get("name"));
        YamlNode.Entry first = m.entries().values().stream().findFirst().orElse(null);
        SourceSpan span = first == null ? m.span() : first.keySpan();
        if (name == null) {
            name = "step@" + span.line();
        }
        Parameters params = parameters(m.get("parameters"));
        ErrorHandling eh = m.get("error_handling") instanceof YamlNode.Mapping em ? errorHandling(em) : null;
        Trigger trigger = "on_previous_error".equals(str(m.get("trigger"))) ? Trigger.ON_PREVIOUS_ERROR
                : Trigger.ALWAYS;
        IndexSpec index = m.get("index") instanceof YamlNode.Mapping im ? index(im) : null;
        return new StepCommon(name, str(m.get("description")), plainMap(m.get("config")), params,
                num(m.get("duration_seconds")), Values.toLong(YamlTreeReader.plain(m.get("max_operations"))),
                num(m.get("timeout_seconds")), eh, trigger, num(m.get("interval_seconds")), str(m.get("dataset")),
                index, span);
    }

    public static Parameters parameters(YamlNode n) {
        if (!(n instanceof YamlNode.Mapping pm)) {
            return Parameters.empty();
        }
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, SourceSpan> spans = new LinkedHashMap<>();
        pm.entries().forEach((k, e) -> {
            values.put(k, YamlTreeReader.plain(e.value()));
            spans.put(k, e.value().span());
        });
        return new Parameters(values, spans);
    }

    private static ErrorHandling errorHandling(YamlNode.Mapping m) {
        String f = str(m.get("on_failure"));
        OnFailure onFailure = OnFailure.STOP;
        if (f != null) {
            for (OnFailure o : OnFailure.values()) {
                if (o.name().equalsIgnoreCase(f)) {
                    onFailure = o;
                }
            }
        }
        return new ErrorHandling(onFailure, Values.asNullableInt(YamlTreeReader.plain(m.get("max_retries"))),
                num(m.get("retry_delay")));
    }

    private static Condition condition(YamlNode n) {
        if (!(n instanceof YamlNode.Mapping m)) {
            return null;
        }
        String metric = str(m.get("metric"));
        Operator op = Operator.fromYaml(str(m.get("operator")));
        Double value = num(m.get("value"));
        if (metric == null || op == null || value == null) {
            return null;
        }
        return new Condition(metric, op, value);
    }

    static IndexSpec index(YamlNode.Mapping m) {
        IndexSpec d = IndexSpec.defaults();
        List<FieldSpec> fields = new ArrayList<>();
        if (m.get("fields") instanceof YamlNode.Sequence seq) {
            for (YamlNode f : seq.items()) {
                if (f instanceof YamlNode.Mapping fm) {
                    Map<String, Object> options = new LinkedHashMap<>(plainMap(fm));
                    options.remove("name");
                    options.remove("type");
                    options.remove("source");
                    String type = str(fm.get("type"));
                    fields.add(new FieldSpec(str(fm.get("name")), type == null ? null : type.toUpperCase(Locale.ROOT),
                            str(fm.get("source")), options));
                }
            }
        }
        return new IndexSpec(or(str(m.get("name")), d.name()), or(str(m.get("prefix")), d.prefix()),
                upper(or(str(m.get("algorithm")), d.algorithm())), upper(str(m.get("distance_metric"))),
                Values.asNullableInt(YamlTreeReader.plain(m.get("dimensions"))),
                Values.asInt(YamlTreeReader.plain(m.get("m")), d.m()),
                Values.asInt(YamlTreeReader.plain(m.get("ef_construction")), d.efConstruction()),
                Values.asInt(YamlTreeReader.plain(m.get("ef_runtime")), d.efRuntime()),
                Values.asNullableInt(YamlTreeReader.plain(m.get("initial_cap"))),
                Values.asNullableInt(YamlTreeReader.plain(m.get("block_size"))), fields,
                Values.asBool(YamlTreeReader.plain(m.get("recreate_index")), d.recreateIndex()));
    }

    private static String or(String a, String b) {
        return a == null ? b : a;
    }

    private static String upper(String s) {
        return s == null ? null : s.toUpperCase(Locale.ROOT);
    }

    public static Map<String, Object> plainMap(YamlNode n) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (n instanceof YamlNode.Mapping m) {
            m.entries().forEach((k, e) -> out.put(k, YamlTreeReader.plain(e.value())));
        }
        return out;
    }

    /** The text of a scalar, or {@code null} for anything else (including YAML null). */
    public static String str(YamlNode n) {
        if (n instanceof YamlNode.Scalar s && s.value() != null) {
            return s.value() instanceof String str ? str : s.text();
        }
        return null;
    }

    private static Double num(YamlNode n) {
        return n instanceof YamlNode.Scalar s ? Values.toDouble(s.value()) : null;
    }
}
