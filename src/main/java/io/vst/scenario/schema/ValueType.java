package io.vst.scenario.schema;

/** The type of a parameter or key value in the schema registry. */
public enum ValueType {
    INTEGER, NUMBER, BOOLEAN, STRING, ENUM, LIST, MAP;

    /** The word used in messages and docs: "an integer", "a number", ... */
    public String article() {
        return switch (this) {
            case INTEGER -> "an integer";
            case NUMBER -> "a number";
            case BOOLEAN -> "true or false";
            case STRING -> "a text value";
            case ENUM -> "one of the listed words";
            case LIST -> "a list";
            case MAP -> "a mapping";
        };
    }
}
