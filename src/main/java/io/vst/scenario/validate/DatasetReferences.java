package io.vst.scenario.validate;

import io.vst.scenario.Diagnostic;
import io.vst.scenario.yaml.ScenarioReader;
import io.vst.scenario.yaml.YamlNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks every dataset a scenario names (top level, on a step, in a step's parameters) through a
 * {@link DatasetProbe}, and each index's {@code dimensions} against the dataset it will hold.
 */
final class DatasetReferences {

    private final DatasetProbe probe;
    private final String override;
    private final List<Diagnostic> out = new ArrayList<>();
    private final Map<String, DatasetProbe.Finding> seen = new HashMap<>();

    private DatasetReferences(DatasetProbe probe, String override) {
        this.probe = probe;
        this.override = override;
    }

    static List<Diagnostic> check(YamlNode.Mapping root, DatasetProbe probe, String override) {
        DatasetReferences refs = new DatasetReferences(probe, override);
        YamlNode.Scalar dataset = refs.reference(root.get("dataset"));
        refs.index(root.get("index"), dataset);
        if (root.get("steps") instanceof YamlNode.Sequence steps) {
            refs.steps(steps, dataset);
        }
        return refs.out;
    }

    private void steps(YamlNode.Sequence steps, YamlNode.Scalar inherited) {
        for (YamlNode item : steps.items()) {
            if (!(item instanceof YamlNode.Mapping m)) {
                continue;
            }
            YamlNode.Scalar own = reference(m.get("dataset"));
            if (m.get("parameters") instanceof YamlNode.Mapping p && own == null) {
                own = reference(p.get("dataset"));
            }
            YamlNode.Scalar effective = own != null ? own : inherited;
            index(m.get("index"), effective);
            for (String nested : List.of("steps", "if_true", "if_false")) {
                if (m.get(nested) instanceof YamlNode.Sequence seq) {
                    steps(seq, effective);
                }
            }
        }
    }

    /** Probes one {@code dataset:} value (reported where it is written); returns it when it names a dataset. */
    private YamlNode.Scalar reference(YamlNode node) {
        if (!(node instanceof YamlNode.Scalar s) || ScenarioReader.str(s) == null || s.text().isBlank()) {
            return null;
        }
        if (override != null) {
            return s; // --dataset replaces it: the option is checked on its own
        }
        boolean first = !seen.containsKey(s.text());
        DatasetProbe.Finding f = finding(s.text());
        if (f.problem() != null) {
            out.add(Diagnostic.error(s.span(), f.problem(), f.hint()));
        } else if (f.absent() && first) {
            out.add(Diagnostic.info(s.span(), "Dataset '" + s.text() + "' is not on this machine yet", f.hint()));
        }
        return s;
    }

    private DatasetProbe.Finding finding(String name) {
        return seen.computeIfAbsent(name, probe::probe);
    }

    /** Compares an index's {@code dimensions} with the dataset it will be filled from. */
    private void index(YamlNode node, YamlNode.Scalar dataset) {
        if (!(node instanceof YamlNode.Mapping index) || !(index.get("dimensions") instanceof YamlNode.Scalar dims)
                || !(dims.value() instanceof Number n)) {
            return;
        }
        String name = override != null ? override : dataset == null ? null : dataset.text();
        Integer actual = name == null ? null : finding(name).dimensions();
        if (actual != null && actual.longValue() != n.longValue()) {
            out.add(Diagnostic.error(dims.span(), "index dimensions " + n.longValue() + " differ from the "
                    + actual + " dimensions of dataset '" + name + "'", "set dimensions: " + actual
                    + " (or leave it out: vst takes it from the dataset), or use a " + n.longValue() + "-d dataset"));
        }
    }
}
