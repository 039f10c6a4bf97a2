/**
 * What is made from a run directory: CSV / JSON exports, the chart catalogue and rendering, the HTML report,
 * run comparison, capacity planning and Prometheus export. Knows no engine, workload or Valkey.
 */
package io.vst.report;
