/**
 * Swing table plumbing shared by the panels of the other gui packages ({@link io.vst.gui.table.RowTableModel}).
 * A leaf: it depends on no other vst package, so any gui package may use it without a cycle.
 */
package io.vst.gui.table;
