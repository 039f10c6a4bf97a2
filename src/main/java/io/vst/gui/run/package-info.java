/**
 * Running from the workbench: the connection bar, the run controller (one background run, a timer that
 * hands feed batches to the views), progress, log, checkpoint and history panels, and export commands.
 */
package io.vst.gui.run;
