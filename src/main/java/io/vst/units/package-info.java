/**
 * How vst writes a figure: bytes (IEC labels), durations, counts, rates, percentages for people, and the
 * number forms its files and replies use. A floor package: every layer may use it, it uses nothing of vst.
 */
package io.vst.units;
