package io.vst.gui.editor;

import io.vst.scenario.StepType;
import java.util.ArrayList;
import java.util.List;
import org.fife.ui.autocomplete.CompletionProvider;
import org.fife.ui.autocomplete.TemplateCompletion;

/**
 * A template per step type, offered where a step may start. Typing {@code step_} lists them; Tab moves
 * through the placeholders.
 */
final class StepSnippets {

    private final List<TemplateCompletion> all = new ArrayList<>();

    StepSnippets(CompletionProvider p) {
        add(p, StepType.WORKLOAD, "name: ${load}\ntype: workload\nworkload: ${ingest}\nparameters:\n"
                + "  target_vectors: ${10000}\n${cursor}");
        add(p, StepType.CHECKPOINT, "name: ${snapshot}\ntype: checkpoint\nparameters:\n  collect_full_metrics: true\n"
                + "  compare_with: ${earlier}\n${cursor}");
        add(p, StepType.WAIT, "name: ${settle}\ntype: wait\nparameters:\n  duration_seconds: ${10}\n"
                + "  reason: ${let memory settle}\n${cursor}");
        add(p, StepType.CLEANUP, "name: ${cleanup}\ntype: cleanup\nparameters:\n  cleanup_type: ${full}\n${cursor}");
        add(p, StepType.CONDITIONAL, "name: ${check}\ntype: conditional\ncondition:\n  metric: ${used_memory_mb}\n"
                + "  operator: ${greater_than}\n  value: ${1024}\nif_true:\n  - name: ${big}\n    type: checkpoint\n"
                + "if_false:\n  - name: ${small}\n    type: checkpoint\n${cursor}");
        add(p, StepType.PARALLEL, "name: ${together}\ntype: parallel\nsteps:\n  - name: ${queries}\n"
                + "    type: workload\n    workload: query\n    duration_seconds: ${30}\n${cursor}");
        add(p, StepType.LOOP, "name: ${repeat}\ntype: loop\niterations: ${3}\nsteps:\n  - name: ${grow}\n"
                + "    type: workload\n    workload: ingest\n    parameters:\n      target_vectors: ${10000}\n${cursor}");
    }

    private void add(CompletionProvider p, StepType t, String template) {
        String input = "step_" + t.yamlName();
        all.add(new TemplateCompletion(p, input, t.yamlName() + " step", template, "A " + t.yamlName() + " step",
                "<pre>" + ProblemText.escape(template.replace("${cursor}", "")) + "</pre>"));
    }

    List<TemplateCompletion> all() {
        return all;
    }
}
