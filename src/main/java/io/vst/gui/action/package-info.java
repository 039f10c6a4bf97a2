/**
 * Every workbench command once ({@link io.vst.gui.action.WorkbenchAction}: text, icon, shortcut) and the
 * registry that builds menus, toolbar and key bindings from it; enablement follows the window's state.
 */
package io.vst.gui.action;
