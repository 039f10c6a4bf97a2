package io.vst.scenario.validate;

/**
 * Tells the validator what a dataset reference ({@code dataset: NAME|FILE}) stands for, so unknown names,
 * missing or damaged files and a dimension that differs from the index are found before a run. The
 * scenario package knows no dataset readers; the caller (CLI, workbench) supplies the look-up, which
 * must read at most a file's header.
 *
 * <pre>{@code
 * DatasetProbe probe = name -> name.equals("synthetic-128")
 *         ? new DatasetProbe.Finding(128, null, null, false)
 *         : new DatasetProbe.Finding(null, "Unknown dataset '" + name + "'", "see vst dataset list", false);
 * List<Diagnostic> found = ScenarioValidator.checkDatasets(parsed, probe, null);
 * }</pre>
 */
@FunctionalInterface
public interface DatasetProbe {

    /**
     * What is known of one dataset.
     *
     * @param dimensions the vectors' dimension, or {@code null} when not known
     * @param problem why it cannot be used (an error), or {@code null}
     * @param hint what to do about the problem or the absence, or {@code null}
     * @param absent a known dataset whose files are not on this machine yet (a note, not an error)
     */
    record Finding(Integer dimensions, String problem, String hint, boolean absent) {
    }

    Finding probe(String nameOrPath);
}
