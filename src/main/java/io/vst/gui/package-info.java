/**
 * The workbench, the only package tree that imports Swing: {@link io.vst.gui.Workbench} opens a
 * {@link io.vst.gui.MainFrame}, which composes the panels of the sub-packages; wiring and themes live here.
 */
package io.vst.gui;
