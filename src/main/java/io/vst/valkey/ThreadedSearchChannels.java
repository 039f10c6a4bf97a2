package io.vst.valkey;

import io.vst.valkey.resp.ErrorCategory;
import io.vst.valkey.resp.ValkeyException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * {@link SearchChannels} over blocking {@link WorkloadClient#search} calls: one named daemon thread per
 * connection takes that connection's queries in order, so {@code n} connections have {@code n} queries in
 * flight at once. The path for servers the non-blocking channels do not speak to (TLS, a cluster) and for
 * in-memory test servers; a thread per connection costs more client CPU than {@link NioSearchChannels}.
 */
final class ThreadedSearchChannels implements SearchChannels {

    private record Request(PreparedSearch query, long tag) {
    }

    private record Done(int connection, long tag, SearchResult result, ValkeyException error) {
    }

    private final WorkloadClient client;
    private final List<BlockingQueue<Request>> queues = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final BlockingQueue<Done> done = new LinkedBlockingQueue<>();
    private final AtomicIntegerArray inFlight;
    private final List<Done> drained = new ArrayList<>();
    private volatile boolean closed;

    ThreadedSearchChannels(WorkloadClient client, int connections, String name) {
        this.client = client;
        this.inFlight = new AtomicIntegerArray(connections);
        for (int c = 0; c < connections; c++) {
            BlockingQueue<Request> q = new LinkedBlockingQueue<>();
            queues.add(q);
            int connection = c;
            Thread t = new Thread(() -> serve(connection, q), name + "-" + c);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    private void serve(int connection, BlockingQueue<Request> q) {
        try {
            while (!closed) {
                Request r = q.take();
                try {
                    SearchResult result = client.search(r.query().query());
                    done.add(new Done(connection, r.tag(), result, null));
                } catch (ValkeyException e) {
                    done.add(new Done(connection, r.tag(), null, e));
                } catch (RuntimeException e) {
                    done.add(new Done(connection, r.tag(), null, new ValkeyException(ErrorCategory.SERVER_ERROR,
                            "FT.SEARCH failed: " + e.getMessage(), null, null, e)));
                }
            }
        } catch (InterruptedException e) {
            // close() interrupts the waiting threads: the connection is done.
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public int connections() {
        return queues.size();
    }

    @Override
    public int inFlight(int connection) {
        return inFlight.get(connection);
    }

    @Override
    public void send(int connection, PreparedSearch query, long tag) {
        inFlight.incrementAndGet(connection);
        queues.get(connection).add(new Request(query, tag));
    }

    @Override
    public int poll(long timeoutNanos, Replies replies) {
        drained.clear();
        try {
            Done first = timeoutNanos > 0 ? done.poll(timeoutNanos, TimeUnit.NANOSECONDS) : done.poll();
            if (first == null) {
                return 0;
            }
            drained.add(first);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
        done.drainTo(drained);
        for (Done d : drained) {
            inFlight.decrementAndGet(d.connection());
            replies.reply(d.connection(), d.tag(), d.result(), d.error());
        }
        return drained.size();
    }

    @Override
    public void close() {
        closed = true;
        for (Thread t : threads) {
            t.interrupt();
        }
    }
}
