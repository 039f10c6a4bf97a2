package io.vst.scenario;

import java.util.Locale;

/** The seven kinds of step. */
public enum StepType {
    WORKLOAD, CHECKPOINT, WAIT, CLEANUP, CONDITIONAL, PARALLEL, LOOP;

    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The step type spelled {@code s} in YAML, or {@code null}. */
    public static StepType fromYaml(String s) {
        for (StepType t : values()) {
            if (t.yamlName().equals(s)) {
                return t;
            }
        }
        return null;
    }
}
