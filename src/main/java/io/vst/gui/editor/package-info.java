/**
 * The scenario editor: tabs of RSyntaxTextArea documents, file commands, find/replace, the problems panel,
 * and the parse (YAML and static validation only, on the EDT) that feeds squiggles and completion.
 */
package io.vst.gui.editor;
