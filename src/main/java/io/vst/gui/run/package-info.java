/**
 * Running from the workbench: the connection bar, the run controller (one background run, a timer whose
 * feed hands each batch to every live view), the background executor for planning, exports and history
 * reads, progress, log and checkpoint panels, the run browser (past runs opened whole, Open report, compare as
 * {@code vst compare}), and export commands.
 */
package io.vst.gui.run;
