package io.vst.engine;

import io.vst.scenario.Diagnostic;
import io.vst.scenario.Scenario;
import io.vst.scenario.Severity;
import io.vst.scenario.SourceSpan;
import io.vst.units.Units;
import java.util.ArrayList;
import java.util.List;

/**
 * What a plan reveals that the text alone does not: estimated duration against timeouts, estimated
 * memory against {@code max_memory_usage_mb}, dimensions that had to be guessed. Used by
 * {@code vst scenario check}; all findings are warnings or notes (errors under strict) because the
 * estimates are rough.
 */
public final class RunPlanChecks {

    private RunPlanChecks() {
    }

    public static List<Diagnostic> check(RunPlan plan, boolean strict) {
        List<Diagnostic> out = new ArrayList<>();
        Scenario s = plan.scenario();
        SourceSpan top = SourceSpan.at(s.sourceName(), 1, 1);
        double total = plan.estimatedSeconds();
        Double timeout = s.timeoutSeconds() == null ? null : s.timeoutSeconds() * plan.options().timeScale();
        if (timeout != null && total > timeout) {
            out.add(Diagnostic.warning(top, "The run is estimated to take " + Units.duration(total)
                    + ", longer than timeout_seconds " + Units.plain(timeout), "raise timeout_seconds or shorten steps"));
        }
        for (PlannedStep p : plan.flatten()) {
            double stepTimeout = p.timeoutSeconds();
            if (stepTimeout > 0 && p.estimatedSeconds() > stepTimeout) {
                out.add(Diagnostic.warning(p.step().common().span(), "Step '" + p.name() + "' is estimated to take "
                        + Units.duration(p.estimatedSeconds()) + ", longer than its timeout of "
                        + Units.plain(stepTimeout) + " s", "raise timeout_seconds (or global step_timeout)"));
            }
            Double maxMb = p.config().maxMemoryUsageMb();
            long bytes = RunPlanEstimates.memoryBytes(p);
            if (maxMb != null && bytes > maxMb * 1024 * 1024) {
                out.add(Diagnostic.warning(p.step().common().span(), "Step '" + p.name() + "' is estimated to need "
                        + Units.bytes(bytes) + " of server memory, above max_memory_usage_mb "
                        + Units.plain(maxMb), "the run will stop there; lower target_vectors or raise the limit"));
            }
        }
        boolean guessed = plan.flatten().stream().anyMatch(p -> p.vectorsAfter() > 0
                && !RunPlanEstimates.dimensionsKnown(p.dataset(), p.index()));
        if (guessed) {
            out.add(Diagnostic.info(top, "Memory estimates assume " + RunPlanEstimates.ASSUMED_DIMENSIONS
                    + "-dimensional vectors: the dataset's dimension is not known without its catalog entry",
                    "set index.dimensions to make the estimate exact"));
        }
        if (strict) {
            out.replaceAll(d -> d.severity() == Severity.WARNING ? d.withSeverity(Severity.ERROR) : d);
        }
        return out;
    }
}
