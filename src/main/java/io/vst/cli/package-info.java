/**
 * The command line: picocli commands over the engine, {@code int run(args, out, err)}, exit codes 0/1/2/3 and
 * user-facing error text. The only code that reaches the process's standard streams or calls System.exit.
 */
package io.vst.cli;
