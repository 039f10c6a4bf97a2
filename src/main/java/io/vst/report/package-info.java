/**
 * The run directory and what is made from it: its writer and reader, CSV / JSON / .hlog exports, the chart
 * catalogue and rendering, HTML report, run comparison and Prometheus export, and the words its files spell
 * (step status, run outcome, log level). Knows no engine or Valkey.
 */
package io.vst.report;
