package io.vst.gui.editor;

import io.vst.scenario.schema.SchemaRegistry;
import io.vst.scenario.validate.ScenarioValidator;
import io.vst.scenario.validate.ValidationOptions;
import io.vst.scenario.yaml.ParseResult;
import io.vst.scenario.yaml.ScenarioReader;

/**
 * The editor's validation: the CLI's reader and validator over the editor's text, nothing that touches
 * a server or reads a dataset, so it is quick enough to run on the EDT after every pause in typing.
 */
public final class ScenarioCheck {

    private final ScenarioValidator validator;

    /** Any thread. */
    public ScenarioCheck(SchemaRegistry registry) {
        this.validator = new ScenarioValidator(registry, ValidationOptions.defaults());
    }

    /** Reads and validates {@code text}; never throws for user mistakes. Any thread. */
    public ParseResult check(String text, String sourceName) {
        ParseResult read = ScenarioReader.read(text, sourceName);
        if (read.tree() == null) {
            return read;
        }
        return read.withMore(validator.validate(read));
    }
}
