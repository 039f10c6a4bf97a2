package io.vst.report;

import io.vst.VstException;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** What a report is made of; {@code vst report --format html,png,csv,json} picks any of them. */
public enum ReportFormat {
    /** {@code report.html}: one self-contained page with every chart and table. */
    HTML,
    /** {@code charts/<chart id>.png} at 1600 × 900. */
    PNG,
    /** {@code csv/timeline.csv, steps.csv, checkpoints.csv, latency_percentiles.csv}. */
    CSV,
    /** {@code summary.json} for machines. */
    JSON;

    /** Every format. */
    public static Set<ReportFormat> all() {
        return EnumSet.allOf(ReportFormat.class);
    }

    /**
     * Parses a comma-separated list such as {@code "html,csv"}.
     *
     * @throws VstException (invalid input) naming the unknown format
     */
    public static Set<ReportFormat> parse(String list) {
        Set<ReportFormat> out = EnumSet.noneOf(ReportFormat.class);
        for (String part : list.split(",")) {
            String name = part.trim().toUpperCase(Locale.ROOT);
            if (name.isEmpty()) {
                continue;
            }
            try {
                out.add(valueOf(name));
            } catch (IllegalArgumentException unknown) {
                throw VstException.invalidInput("unknown report format '" + part.trim() + "'",
                        "use any of html, png, csv, json, separated by commas");
            }
        }
        if (out.isEmpty()) {
            throw VstException.invalidInput("no report format given", "use any of html, png, csv, json");
        }
        return out;
    }
}
