/**
 * Running from the workbench: the connection bar, the run controller (one background run, a timer whose
 * feed hands each batch to every live view), the background executor for planning, exports and history
 * reads, progress, log, checkpoint and history panels, and export commands.
 */
package io.vst.gui.run;
