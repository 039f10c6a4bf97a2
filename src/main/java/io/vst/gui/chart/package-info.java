/**
 * Live charts in the workbench: bounded JFreeChart series fed in batches on the EDT, the chart theme, the
 * catalogue dialog and PNG export. Chart definitions themselves come from {@code io.vst.report}.
 */
package io.vst.gui.chart;
