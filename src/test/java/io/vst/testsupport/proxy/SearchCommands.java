package io.vst.testsupport.proxy;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The valkey-search commands the proxy answers itself ({@code FT.CREATE}, {@code FT.INFO},
 * {@code FT.SEARCH}, {@code FT.DROPINDEX}, {@code FT._LIST}) and the search part of {@code INFO}.
 * Data is always read from the backend at the moment of the call.
 */
final class SearchCommands {

    private static final Set<String> EMULATED = Set.of("FT.CREATE", "FT.INFO", "FT.SEARCH", "FT.DROPINDEX",
            "FT._LIST");
    private static final Duration SCAN_BUDGET = Duration.ofSeconds(60);

    private final IndexCatalog catalog;
    private final SearchProxy proxy;

    SearchCommands(IndexCatalog catalog, SearchProxy proxy) {
        this.catalog = catalog;
        this.proxy = proxy;
    }

    static boolean emulates(String upperName) {
        return EMULATED.contains(upperName);
    }

    /** The reply to an emulated command; {@link SearchError}s become error replies. */
    RespValue execute(String name, List<byte[]> raw, RespConnection link) throws IOException {
        List<String> args = raw.stream().map(RespValue::latin1).toList();
        try {
            return switch (name) {
                case "FT.CREATE" -> create(args, link);
                case "FT.INFO" -> info(args, link);
                case "FT.SEARCH" -> search(args, raw, link);
                case "FT.DROPINDEX" -> drop(args);
                default -> list(args);
            };
        } catch (SearchError e) {
            return new RespValue.Error(e.getMessage());
        }
    }

    private RespValue create(List<String> args, RespConnection link) throws IOException {
        IndexDefinition definition = SchemaParser.parse(args);
        catalog.create(definition, DocumentScan.anyKey(link, definition, SCAN_BUDGET));
        return new RespValue.Simple("OK");
    }

    private RespValue info(List<String> args, RespConnection link) throws IOException {
        if (args.size() < 2) {
            throw SearchError.arity("FT.INFO");
        }
        IndexCatalog.Entry entry = catalog.get(args.get(1));
        SearchInfoSection.IndexReport report = report(entry, link);
        IndexStats stats = report.stats();
        long skew = proxy.numDocsSkew();
        if (skew != 0) {
            stats = new IndexStats(stats.numDocs() + skew, stats.numRecords(), stats.failures(), stats.attributes());
        }
        return FtInfoReply.build(entry.definition(), stats, report.backfilling());
    }

    private RespValue search(List<String> args, List<byte[]> raw, RespConnection link) throws IOException {
        try {
            return FtSearchCommand.execute(args, raw, catalog, link, proxy.resultLimit(), proxy.wrongHits());
        } catch (SearchError e) {
            catalog.counters().failures.incrementAndGet();
            throw e;
        }
    }

    private RespValue drop(List<String> args) {
        if (args.size() != 2) {
            throw SearchError.arity("FT.DROPINDEX");
        }
        catalog.drop(args.get(1));
        return new RespValue.Simple("OK");
    }

    private RespValue list(List<String> args) {
        if (args.size() != 1) {
            throw SearchError.arity("FT._LIST");
        }
        List<RespValue> names = new ArrayList<>();
        catalog.entries().forEach(e -> names.add(new RespValue.Simple(e.definition().name())));
        return new RespValue.Array(names);
    }

    /** The {@code search_*} INFO sections as of now. */
    String infoText(RespConnection link) throws IOException {
        List<SearchInfoSection.IndexReport> reports = new ArrayList<>();
        for (IndexCatalog.Entry entry : catalog.entries()) {
            reports.add(report(entry, link));
        }
        return SearchInfoSection.render(reports, catalog.counters());
    }

    private SearchInfoSection.IndexReport report(IndexCatalog.Entry entry, RespConnection link)
            throws IOException {
        boolean backfilling = entry.backfilling();
        // While the simulated backfill runs the index reports nothing indexed yet, as fixture 38 shows.
        IndexStats stats = backfilling ? IndexStats.empty(entry.definition())
                : IndexStats.of(entry.definition(), DocumentScan.scan(link, entry.definition(), SCAN_BUDGET));
        long limit = proxy.indexedDocumentLimit();
        if (stats.numDocs() > limit) {
            // A lagging index: it has taken in only `limit` of the hashes so far.
            stats = new IndexStats(limit, Math.min(stats.numRecords(), limit), stats.failures(), stats.attributes());
        }
        return new SearchInfoSection.IndexReport(entry.definition(), stats, backfilling);
    }

    /** Forgets every index (after a successful FLUSHALL/FLUSHDB). */
    void forgetIndexes() {
        catalog.clear();
    }
}
