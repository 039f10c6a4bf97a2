/**
 * What the workbench remembers between sessions (recent files, theme, connection fields), in the user's Java
 * preferences (node io/vst/workbench). Passwords are never stored, only the name of the variable holding one.
 */
package io.vst.gui.settings;
