package io.vst.gui.chart;

/**
 * One line of a live chart: the timeline column it plots, its legend label and the factor that turns
 * the column's unit into the axis unit (e.g. bytes to MiB), and the report's colour key for the line.
 */
record ChartSeriesSpec(String column, String label, double scale, String colorKey) {
}
