/**
 * vst: memory and performance stress testing of Valkey with the valkey-search module. This root holds only
 * {@link io.vst.VstException}, the user-facing failure every package throws; the packages below are the map.
 */
package io.vst;
