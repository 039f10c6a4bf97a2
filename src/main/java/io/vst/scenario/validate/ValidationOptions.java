package io.vst.scenario.validate;

/**
 * How strictly to validate.
 *
 * @param strict warnings (unknown keys, suspicious values) become errors
 * @param rules limits from a rules file; {@link ValidationRules#defaults()} when none is given
 */
public record ValidationOptions(boolean strict, ValidationRules rules) {

    public ValidationOptions {
        rules = rules == null ? ValidationRules.none() : rules;
    }

    /** Not strict, the shipped default rules. */
    public static ValidationOptions defaults() {
        return new ValidationOptions(false, ValidationRules.defaults());
    }

    public ValidationOptions withStrict(boolean s) {
        return new ValidationOptions(s, rules);
    }
}
