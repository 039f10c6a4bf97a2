/**
 * The client facade the rest of vst uses: {@link io.vst.valkey.ValkeyClient} over an endpoint (TLS, auth,
 * cluster routing), the capability probe, FT.* search and index DDL, and INFO / FT.INFO snapshots.
 */
package io.vst.valkey;
