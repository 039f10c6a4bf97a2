package io.vst.gui.editor;

import io.vst.scenario.StepType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fife.ui.autocomplete.CompletionProvider;
import org.fife.ui.autocomplete.TemplateCompletion;

/**
 * A template per step type, offered where a step may start. Typing {@code step_} or the type's name
 * ({@code wait}, {@code loop}, …) lists them; Tab moves through the placeholders. The template is indented
 * for where it is inserted: after {@code "- "} its lines line up under the step's first key, and on an empty
 * line of a step list it brings its own {@code "- "}.
 */
final class StepSnippets {

    private final CompletionProvider provider;
    private final Map<StepType, String> templates = new LinkedHashMap<>();

    StepSnippets(CompletionProvider p) {
        this.provider = p;
        templates.put(StepType.WORKLOAD, "name: ${load}\ntype: workload\nworkload: ${ingest}\nparameters:\n"
                + "  target_vectors: ${10000}\n${cursor}");
        templates.put(StepType.CHECKPOINT, "name: ${snapshot}\ntype: checkpoint\nparameters:\n"
                + "  collect_full_metrics: true\n${cursor}");
        templates.put(StepType.WAIT, "name: ${settle}\ntype: wait\nparameters:\n  duration_seconds: ${10}\n"
                + "  reason: ${let memory settle}\n${cursor}");
        templates.put(StepType.CLEANUP, "name: ${cleanup}\ntype: cleanup\nparameters:\n  cleanup_type: ${full}\n"
                + "${cursor}");
        templates.put(StepType.CONDITIONAL, "name: ${check}\ntype: conditional\ncondition:\n"
                + "  metric: ${used_memory_mb}\n  operator: ${greater_than}\n  value: ${1024}\nif_true:\n"
                + "  - name: ${big}\n    type: checkpoint\nif_false:\n  - name: ${small}\n    type: checkpoint\n${cursor}");
        templates.put(StepType.PARALLEL, "name: ${together}\ntype: parallel\nsteps:\n  - name: ${queries}\n"
                + "    type: workload\n    workload: query\n    duration_seconds: ${30}\n${cursor}");
        templates.put(StepType.LOOP, "name: ${repeat}\ntype: loop\niterations: ${3}\nsteps:\n  - name: ${grow}\n"
                + "    type: workload\n    workload: ingest\n    parameters:\n      target_vectors: ${10000}\n${cursor}");
    }

    /**
     * The snippets whose input ({@code step_<type>}) or type name starts with {@code typed}.
     *
     * @param dash whether the snippet must start the list item itself ({@code "- "})
     * @param pad columns between the line's indentation and where the typed word starts (the {@code "- "})
     */
    List<TemplateCompletion> matching(String typed, boolean dash, int pad) {
        List<TemplateCompletion> out = new ArrayList<>();
        String indent = " ".repeat(pad + (dash ? 2 : 0));
        templates.forEach((t, template) -> {
            String input = "step_" + t.yamlName();
            if (input.startsWith(typed) || t.yamlName().startsWith(typed)) {
                String placed = (dash ? "- " : "") + template.replace("\n", "\n" + indent);
                out.add(new TemplateCompletion(provider, typed.startsWith("step_") || typed.isEmpty() ? input
                        : t.yamlName(), t.yamlName() + " step", placed, "A " + t.yamlName() + " step",
                        "<pre>" + ProblemText.escape(template.replace("${cursor}", "")) + "</pre>"));
            }
        });
        return out;
    }
}
