/**
 * The valkey-server processes vst starts and owns: {@link io.vst.valkey.server.ManagedServer} and local
 * clusters, their options, module loading and checks, the server log, and the watchdog that sees them die.
 */
package io.vst.valkey.server;
