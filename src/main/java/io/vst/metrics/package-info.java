/**
 * Measuring a run: wait-free latency recorders (HdrHistogram), the sampler thread that reads the server,
 * the figures a sample holds, checkpoint analysis and host memory. Reads the server only through valkey.
 */
package io.vst.metrics;
