/**
 * Test-only stand-in for valkey-search: {@link io.vst.testsupport.proxy.SearchProxy} listens on a free
 * loopback port in front of a real {@code valkey-server} child and answers the search commands itself,
 * in the reply shapes recorded from valkey-search 1.2.1 ({@code src/test/resources/fixtures/valkey-search}).
 * It lives under {@code src/test} only, is never shipped, and its timings are never a measurement.
 *
 * <h2>Relayed</h2>
 * Every command that is not listed below goes to the backend over the client connection's own backend
 * connection and its reply bytes come back unchanged; commands a client pipelined are relayed as one
 * pipeline. {@code HELLO} is relayed and the chosen protocol remembered (its {@code modules} list gains
 * the search entry); {@code SELECT} is remembered so searches read the client's database;
 * {@code FLUSHALL}/{@code FLUSHDB} also forget every index; {@code MULTI}/{@code EXEC} work, search
 * commands queued inside are answered in their places at {@code EXEC}.
 *
 * <h2>Emulated</h2>
 * <ul>
 * <li>{@code FT.CREATE idx [ON HASH] [PREFIX n p..] [SKIPINITIALSCAN] SCHEMA f [AS a] VECTOR HNSW|FLAT n
 * TYPE FLOAT32 DIM d DISTANCE_METRIC L2|IP|COSINE [M] [EF_CONSTRUCTION] [EF_RUNTIME] [INITIAL_CAP]
 * [BLOCK_SIZE] | TAG [SEPARATOR c] [CASESENSITIVE] | NUMERIC [SORTABLE] ...}</li>
 * <li>{@code FT.SEARCH idx "filter=>[KNN k @f $p [EF_RUNTIME e] [AS s]]" [PARAMS] [RETURN] [NOCONTENT]
 * [LIMIT] [DIALECT 2..4] [TIMEOUT]}, exact brute force in FLOAT32 over the hashes read from the backend
 * at that moment; filters {@code *}, {@code @tag:{a|b*}}, {@code @num:[(lo hi]}, {@code -} negation,
 * space = AND; a query without {@code =>} is a filter-only query.</li>
 * <li>{@code FT.INFO}, {@code FT.DROPINDEX} (no {@code DD}), {@code FT._LIST}, {@code MODULE LIST},
 * {@code INFO search|search_*|everything} (search sections added) and every other {@code INFO} (the
 * module's line added under {@code # Modules}).</li>
 * </ul>
 *
 * <h2>Known differences from the real module</h2>
 * <ul>
 * <li>Indexes are global: one catalogue for all databases and connections ("database 0" in texts).</li>
 * <li>Searching is exact (recall 1) unless a test calls {@code truncateResultsTo} or {@code injectWrongHits}; EF_RUNTIME, M and
 * EF_CONSTRUCTION are validated and reported, not used. Equal distances are ordered by key.</li>
 * <li>During a simulated backfill FT.INFO reports nothing indexed (as recorded right after FT.CREATE),
 * but FT.SEARCH already sees every hash.</li>
 * <li>Field order inside a search record is the backend's HGETALL order, score first.</li>
 * <li>{@code INFO SEARCH}: index counts and status are exact; {@code search_used_memory_bytes} is a model
 * (1 MiB + 64 KiB per index + (dim × 4 + 64) bytes per indexed vector); counters and latencies are this
 * proxy's; thread, RDB, externing and interning figures are fixed at idle values.</li>
 * <li>The module's {@code # Modules} INFO line is plausible, not recorded.</li>
 * <li>Not supported: TEXT fields, FT.AGGREGATE, SORTBY, JSON indexes, RESP3 push traffic (SUBSCRIBE,
 * client tracking), blocking commands longer than the 60 s backend read timeout.</li>
 * <li>Error texts are the recorded ones where a fixture shows them; other error texts are close
 * paraphrases.</li>
 * </ul>
 */
package io.vst.testsupport.proxy;
