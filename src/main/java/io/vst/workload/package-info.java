/**
 * What a workload step does against the server: the {@link io.vst.workload.Workload} SPI and its ServiceLoader
 * registry, the built-in ingest / query / shrink / update / mixed, batching, live-vector tracking and recall.
 */
package io.vst.workload;
