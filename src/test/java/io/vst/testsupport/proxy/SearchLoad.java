package io.vst.testsupport.proxy;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The proxy's own count of the FT.SEARCH load it was given: how many commands arrived, how many it
 * answered, the most it was working on at the same moment, and how many client connections sent one.
 * Thread-safe; every session counts into it.
 */
public final class SearchLoad {

    /**
     * What the proxy saw since the last {@link SearchProxy#resetSearchLoad()}.
     *
     * @param received FT.SEARCH commands read from clients
     * @param answered replies written back for them
     * @param maxInFlight the most FT.SEARCH commands received and not yet answered at one moment
     * @param connections distinct client connections that sent at least one FT.SEARCH
     * @param inFlight FT.SEARCH commands received and not yet answered now
     */
    public record Snapshot(long received, long answered, int maxInFlight, int connections, int inFlight) {
    }

    private final AtomicLong received = new AtomicLong();
    private final AtomicLong answered = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final Set<Object> sessions = ConcurrentHashMap.newKeySet();

    void started(Object session) {
        received.incrementAndGet();
        sessions.add(session);
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
    }

    void finished() {
        inFlight.decrementAndGet();
        answered.incrementAndGet();
    }

    Snapshot snapshot() {
        return new Snapshot(received.get(), answered.get(), maxInFlight.get(), sessions.size(), inFlight.get());
    }

    void reset() {
        received.set(0);
        answered.set(0);
        maxInFlight.set(inFlight.get());
        sessions.clear();
    }
}
