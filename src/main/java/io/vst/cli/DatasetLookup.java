package io.vst.cli;

import io.vst.VstException;
import io.vst.dataset.DatasetCatalog;
import io.vst.dataset.DatasetHome;
import io.vst.dataset.DatasetValidator;
import io.vst.scenario.Diagnostic;
import io.vst.scenario.validate.DatasetProbe;
import io.vst.scenario.validate.ScenarioValidator;
import io.vst.scenario.yaml.ParseResult;
import java.util.List;

/** Checks a scenario's datasets for validate, check and run (also --dry-run): names, file headers, dimensions. */
final class DatasetLookup {

    private DatasetLookup() {
    }

    /**
     * The findings about the datasets {@code parsed} names; {@code override} is {@code --dataset} (or null),
     * which is checked first and reported as an option error.
     */
    static List<Diagnostic> check(ParseResult parsed, String override) {
        if (parsed.tree() == null) {
            return List.of();
        }
        DatasetCatalog catalog = DatasetCatalog.load(DatasetHome.fromEnvironment());
        if (override != null) {
            DatasetValidator.Look look = DatasetValidator.look(override, catalog);
            if (look.problem() != null) {
                throw VstException.invalidInput("--dataset " + override + ": " + look.problem(), look.hint());
            }
        }
        DatasetProbe probe = name -> {
            DatasetValidator.Look look = DatasetValidator.look(name, catalog);
            return new DatasetProbe.Finding(look.dimensions(), look.problem(), look.hint(), look.absent());
        };
        return ScenarioValidator.checkDatasets(parsed, probe, override);
    }
}
