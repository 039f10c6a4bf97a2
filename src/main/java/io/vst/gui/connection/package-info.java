/**
 * The connection manager: named connection profiles shared with {@code vst --profile}, Test connection and the
 * server overview of {@code vst info server}, opened from the workbench's Run menu; it only fills in the bar.
 */
package io.vst.gui.connection;
