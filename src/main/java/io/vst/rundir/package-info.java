/**
 * The run directory's file format, writer and reader together: {@link io.vst.rundir.RunDirectory} writes run.json,
 * timeline.csv, steps.csv, checkpoints.jsonl and .hlog files; {@link io.vst.rundir.RunDataReader} reads them back.
 */
package io.vst.rundir;
