/**
 * The only package that imports Jedis: the client adapter with our error categories, RESP and FT.* commands,
 * capability probe, index DDL, INFO parsing, and the valkey-server processes (and clusters) vst starts.
 */
package io.vst.valkey;
