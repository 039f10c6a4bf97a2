package io.vst.testsupport.proxy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test-only stand-in for a valkey-server with the valkey-search module: a loopback RESP proxy in front
 * of a real valkey-server that relays every command byte for byte, except the search commands, which it
 * answers itself in the exact reply shapes recorded from valkey-search 1.2.1
 * ({@code src/test/resources/fixtures/valkey-search}). Search answers are exact brute force over the hashes
 * read from the backend at that moment; they are never a performance measurement.
 *
 * <p>Hooks let tests inject faults: {@link #pauseFor} stalls replies, {@link #delayReplies} slows every
 * reply to one search command, {@link #truncateResultsTo} returns fewer neighbours than asked (recall
 * below 1), {@link #injectWrongHits} puts known wrong documents in
 * place of the last neighbours, {@link #setBackfillDuration} sets how long an index created over existing
 * keys reports {@code backfill_in_progress}, {@link #limitIndexedDocuments} makes the index lag behind the
 * writes (slow or never searchable).
 *
 * <pre>{@code
 * try (SearchProxy proxy = SearchProxy.start()) {
 *     // point the code under test at 127.0.0.1:proxy.port()
 *     proxy.pauseFor(Duration.ofMillis(200));   // the next 200 ms of replies wait
 * }
 * }</pre>
 *
 * <p>Thread-safe; one named daemon thread accepts, one per client connection serves it.
 */
public final class SearchProxy implements AutoCloseable {

    /** The {@code ver} the recorded module reports in MODULE LIST (1.2.1 → 0x010201). */
    public static final long MODULE_VERSION = 66_049;
    /** How long an index created over existing keys reports backfill unless a test sets otherwise. */
    public static final Duration DEFAULT_BACKFILL = Duration.ofMillis(200);

    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(5);

    private final int backendPort;
    private final BackendServer ownedBackend;
    private final ServerSocket listener;
    private final IndexCatalog catalog = new IndexCatalog(DEFAULT_BACKFILL);
    private final SearchCommands commands = new SearchCommands(catalog, this);
    private final Map<ProxySession, Thread> sessions = new ConcurrentHashMap<>();
    private final List<String> sessionErrors = new CopyOnWriteArrayList<>();
    private final AtomicInteger sessionNumbers = new AtomicInteger();
    private final AtomicInteger endedSessions = new AtomicInteger();
    private final Thread acceptor;
    private volatile boolean closed;
    private volatile long pauseEndsNanos = System.nanoTime();
    private volatile int resultLimit = Integer.MAX_VALUE;
    private volatile WrongHits wrongHits = WrongHits.NONE;
    private volatile String delayedCommand = "";
    private volatile long replyDelayNanos;
    private final SearchLoad searchLoad = new SearchLoad();

    /**
     * Wrong documents a KNN answer carries in place of its last {@code count} neighbours.
     *
     * @param count how many of the last neighbours are replaced (0: none)
     * @param outsideFilter false: the farthest documents that pass the query's filter (never true
     *     neighbours while the index holds at least {@code k + count} of them); true: the nearest documents
     *     that fail the filter
     */
    public record WrongHits(int count, boolean outsideFilter) {
        /** No injected wrong hits. */
        public static final WrongHits NONE = new WrongHits(0, false);
    }

    private volatile long indexedDocumentLimit = Long.MAX_VALUE;
    private volatile long numDocsSkew;

    /** A proxy in front of a valkey-server already listening on 127.0.0.1:{@code backendPort}. */
    public SearchProxy(int backendPort) {
        this(backendPort, null);
    }

    private SearchProxy(int backendPort, BackendServer ownedBackend) {
        this.backendPort = backendPort;
        this.ownedBackend = ownedBackend;
        try {
            this.listener = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on loopback", e);
        }
        this.acceptor = new Thread(this::acceptLoop, "search-proxy-accept-" + listener.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Starts a valkey-server child of its own and a proxy in front of it; {@link #close()} stops both. */
    public static SearchProxy start() {
        BackendServer backend = BackendServer.start();
        try {
            return new SearchProxy(backend.port(), backend);
        } catch (RuntimeException e) {
            backend.close();
            throw e;
        }
    }

    /** The proxy's port on 127.0.0.1 (what the code under test connects to). */
    public int port() {
        return listener.getLocalPort();
    }

    /** The real valkey-server's port on 127.0.0.1. */
    public int backendPort() {
        return backendPort;
    }

    /** Every reply that would be sent within the next {@code duration} waits until it has passed. */
    public void pauseFor(Duration duration) {
        pauseEndsNanos = System.nanoTime() + duration.toNanos();
    }

    /**
     * Every reply to {@code command} (e.g. FT.SEARCH) waits {@code delay} before it is sent: a server that
     * takes that long over each such command. {@link Duration#ZERO} turns it off.
     */
    public void delayReplies(String command, Duration delay) {
        delayedCommand = command.toUpperCase(java.util.Locale.ROOT);
        replyDelayNanos = delay.toNanos();
    }

    void delayIfAsked(String command) {
        long delay = replyDelayNanos;
        if (delay > 0 && command.equals(delayedCommand)) {
            try {
                Thread.sleep(delay / 1_000_000, (int) (delay % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The FT.SEARCH load the proxy saw since it started or since {@link #resetSearchLoad()}. */
    public SearchLoad.Snapshot searchLoad() {
        return searchLoad.snapshot();
    }

    /** Starts {@link #searchLoad()} again from zero. */
    public void resetSearchLoad() {
        searchLoad.reset();
    }

    SearchLoad searchLoadCounter() {
        return searchLoad;
    }

    /** FT.SEARCH returns at most {@code n} results (total included); {@link Integer#MAX_VALUE} turns it off. */
    public void truncateResultsTo(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("result limit must be >= 0, was " + n);
        }
        resultLimit = n;
    }

    /** KNN answers replace their last neighbours by {@code hits}; {@link WrongHits#NONE} turns it off. */
    public void injectWrongHits(WrongHits hits) {
        if (hits.count() < 0) {
            throw new IllegalArgumentException("wrong hit count must be >= 0, was " + hits.count());
        }
        wrongHits = hits;
    }

    /**
     * FT.INFO and INFO SEARCH report at most {@code n} documents indexed, as an index that lags behind the
     * writes (or never catches up) would; {@link Long#MAX_VALUE} turns it off. Searches are unaffected.
     */
    public void limitIndexedDocuments(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("document limit must be >= 0, was " + n);
        }
        indexedDocumentLimit = n;
    }

    long indexedDocumentLimit() {
        return indexedDocumentLimit;
    }

    /** How long indexes created from now on over existing keys report {@code backfill_in_progress}. */
    public void setBackfillDuration(Duration duration) {
        catalog.setBackfillDuration(duration);
    }

    /**
     * Failures of the proxy itself: a broken or timed-out backend connection, an emulated command that
     * threw. Client disconnects and malformed client input are not listed. Empty in a healthy run.
     */
    public List<String> sessionErrors() {
        return List.copyOf(sessionErrors);
    }

    /**
     * FT.INFO reports {@code num_docs} off by {@code skew} from now on (0 turns it off): a fault for tests of
     * checks that compare the index's count with the keys written.
     */
    public void skewNumDocs(long skew) {
        numDocsSkew = skew;
    }

    long numDocsSkew() {
        return numDocsSkew;
    }

    int resultLimit() {
        return resultLimit;
    }

    WrongHits wrongHits() {
        return wrongHits;
    }

    void awaitPause() {
        long remaining = pauseEndsNanos - System.nanoTime();
        if (remaining > 0) {
            try {
                Thread.sleep(remaining / 1_000_000, (int) (remaining % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A failure of the proxy itself (backend I/O, an emulation bug): kept for {@link #sessionErrors()}. */
    void sessionFailed(Exception cause) {
        if (!closed) {
            sessionErrors.add(cause.toString());
        }
    }

    /** An ordinary end of a client session (disconnect, reset): counted, not an error. */
    void sessionEnded(Exception cause) {
        endedSessions.incrementAndGet();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = listener.accept();
                client.setTcpNoDelay(true);
            } catch (IOException e) {
                if (!closed) {
                    sessionErrors.add("accept failed: " + e);
                }
                continue;
            }
            ProxySession session = new ProxySession(client, this, commands, backendPort);
            Thread thread = new Thread(() -> {
                try {
                    session.run();
                } finally {
                    sessions.remove(session);
                }
            }, "search-proxy-session-" + port() + "-" + sessionNumbers.incrementAndGet());
            thread.setDaemon(true);
            sessions.put(session, thread);
            thread.start();
        }
    }

    /** Stops accepting, closes every connection, joins the threads (bounded) and stops an owned backend. */
    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException e) {
            sessionErrors.add("close listener: " + e);
        }
        List<Thread> threads = new ArrayList<>(sessions.values());
        sessions.keySet().forEach(ProxySession::close);
        threads.add(acceptor);
        long deadline = System.nanoTime() + JOIN_TIMEOUT.toNanos();
        for (Thread thread : threads) {
            long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
            try {
                thread.join(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (ownedBackend != null) {
            ownedBackend.close();
        }
    }
}
