/**
 * The wire under the facade: RESP reply decoding, raw commands, pipelines and connection pools, the TLS
 * handshake, and the failure vocabulary ({@link io.vst.valkey.resp.ValkeyException}, its category) they raise.
 */
package io.vst.valkey.resp;
