/**
 * The step tree of the scenario being edited and the plan panel of the frozen run plan, with their
 * icons. Both are fed from the same parse result as the editor.
 */
package io.vst.gui.steps;
