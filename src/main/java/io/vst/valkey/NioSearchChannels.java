package io.vst.valkey;

import io.vst.valkey.resp.ErrorCategory;
import io.vst.valkey.resp.ErrorMapper;
import io.vst.valkey.resp.RespFrames;
import io.vst.valkey.resp.ValkeyException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import redis.clients.jedis.Connection;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * {@link SearchChannels} on non-blocking sockets of a standalone server without TLS, all watched by one
 * {@link Selector}: a send is a copy of the prepared command into the socket, and {@link #poll} reads
 * whatever any connection has answered. Jedis opens each connection in blocking mode first (AUTH, HELLO,
 * SELECT, client name, as for every other connection of vst); the socket is non-blocking after that.
 */
final class NioSearchChannels implements SearchChannels {

    private static final long TIMEOUT_CHECK_NANOS = 100_000_000L;

    private final InetSocketAddress address;
    private final JedisClientConfig config;
    private final String where;
    private final long timeoutNanos;
    private final Selector selector;
    private final Link[] links;
    /** Failures found while sending (a connection that could not be reopened), handed back at the next poll. */
    private final List<long[]> failedSends = new ArrayList<>();
    private final List<ValkeyException> failedSendErrors = new ArrayList<>();
    /** Connections that failed with queries in flight, whose queries are handed back at the next poll. */
    private final List<Link> failedLinks = new ArrayList<>();
    private long lastTimeoutCheck = System.nanoTime();

    NioSearchChannels(InetSocketAddress address, JedisClientConfig config, String where, int connections) {
        this.address = address;
        this.config = config;
        this.where = where;
        this.timeoutNanos = Math.max(1, config.getSocketTimeoutMillis()) * 1_000_000L;
        try {
            this.selector = Selector.open();
        } catch (IOException e) {
            throw ErrorMapper.map(new JedisConnectionException(e), "Opening query connections", where);
        }
        this.links = new Link[connections];
        try {
            for (int c = 0; c < connections; c++) {
                links[c] = new Link(c);
                links[c].open();
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    public int connections() {
        return links.length;
    }

    @Override
    public int inFlight(int connection) {
        return links[connection].count;
    }

    @Override
    public void send(int connection, PreparedSearch query, long tag) {
        Link link = links[connection];
        if (link.dead) {
            try {
                link.open();
            } catch (ValkeyException e) {
                failedSends.add(new long[] {connection, tag});
                failedSendErrors.add(e);
                return;
            }
        }
        link.push(query, tag);
        try {
            link.write(query.wire());
        } catch (IOException e) {
            link.fail(connectionError(e));
        }
    }

    @Override
    public int poll(long waitNanos, Replies replies) {
        int handed = 0;
        for (int i = 0; i < failedSends.size(); i++) {
            long[] f = failedSends.get(i);
            replies.reply((int) f[0], f[1], null, failedSendErrors.get(i));
            handed++;
        }
        failedSends.clear();
        failedSendErrors.clear();
        for (Link link : failedLinks) {
            handed += link.handFailures(replies);
        }
        failedLinks.clear();
        try {
            if (handed > 0 || waitNanos <= 0) {
                selector.selectNow();
            } else {
                selector.select(Math.max(1, (waitNanos + 999_999) / 1_000_000));
            }
        } catch (IOException e) {
            throw ErrorMapper.map(new JedisConnectionException(e), "Waiting for query replies", where);
        }
        Iterator<SelectionKey> ready = selector.selectedKeys().iterator();
        while (ready.hasNext()) {
            SelectionKey key = ready.next();
            ready.remove();
            Link link = (Link) key.attachment();
            handed += link.ready(key, replies);
        }
        long now = System.nanoTime();
        if (now - lastTimeoutCheck > TIMEOUT_CHECK_NANOS) {
            lastTimeoutCheck = now;
            for (Link link : links) {
                if (link.count > 0 && now - link.sentNanos[link.head] > timeoutNanos) {
                    link.fail(new ValkeyException(ErrorCategory.TIMEOUT, "FT.SEARCH on " + where + " got no reply within "
                            + timeoutNanos / 1_000_000 + " ms", null, "raise operation_timeout or lower the load",
                            null));
                    handed += link.handFailures(replies);
                }
            }
        }
        return handed;
    }

    @Override
    public void close() {
        for (Link link : links) {
            if (link != null) {
                link.disconnect();
            }
        }
        try {
            selector.close();
        } catch (IOException e) {
            org.slf4j.LoggerFactory.getLogger(NioSearchChannels.class).debug("closing selector: {}", e.toString());
        }
    }

    private ValkeyException connectionError(Exception e) {
        return ErrorMapper.map(new JedisConnectionException(e), "FT.SEARCH", where);
    }

    /** One connection: its socket, the bytes not yet written, and its queries in flight in order. */
    private final class Link {
        private final int index;
        private SocketChannel channel;
        private Connection handshake;
        private SelectionKey key;
        private RespFrames in;
        private ByteBuffer out = ByteBuffer.allocate(0);
        private boolean dead = true;
        private PreparedSearch[] queries = new PreparedSearch[4];
        private long[] tags = new long[4];
        private long[] sentNanos = new long[4];
        private int head;
        private int count;
        /** Queries failed with their connection, handed back at the next poll: tags and the error. */
        private long[] failedTags = new long[0];
        private int failedCount;
        private ValkeyException failure;

        Link(int index) {
            this.index = index;
        }

        void open() {
            SocketChannel ch = null;
            try {
                ch = SocketChannel.open();
                SocketChannel opened = ch;
                opened.socket().setTcpNoDelay(true);
                opened.socket().connect(address, config.getConnectionTimeoutMillis());
                // Jedis does the handshake on the blocking socket; only this class uses it afterwards.
                handshake = new Connection(opened::socket, config);
                ch.configureBlocking(false);
                key = ch.register(selector, SelectionKey.OP_READ, this);
                channel = ch;
                in = new RespFrames(where);
                out.clear().limit(0);
                dead = false;
            } catch (IOException | RuntimeException e) {
                closeQuietly(ch);
                throw ErrorMapper.map(e instanceof IOException io ? new JedisConnectionException(io) : e,
                        "Opening a query connection", where);
            }
        }

        void push(PreparedSearch q, long tag) {
            if (count == tags.length) {
                int n = tags.length * 2;
                PreparedSearch[] nq = new PreparedSearch[n];
                long[] nt = new long[n];
                long[] ns = new long[n];
                for (int i = 0; i < count; i++) {
                    int from = (head + i) % tags.length;
                    nq[i] = queries[from];
                    nt[i] = tags[from];
                    ns[i] = sentNanos[from];
                }
                queries = nq;
                tags = nt;
                sentNanos = ns;
                head = 0;
            }
            int at = (head + count) % tags.length;
            queries[at] = q;
            tags[at] = tag;
            sentNanos[at] = System.nanoTime();
            count++;
        }

        void write(byte[] wire) throws IOException {
            if (out.hasRemaining()) {
                append(wire, 0);
                return;
            }
            ByteBuffer b = ByteBuffer.wrap(wire);
            channel.write(b);
            if (b.hasRemaining()) {
                append(wire, b.position());
                key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
            }
        }

        private void append(byte[] wire, int from) {
            int n = wire.length - from;
            if (out.capacity() - out.limit() < n) {
                out.compact().flip();
                if (out.capacity() - out.limit() < n) {
                    ByteBuffer bigger = ByteBuffer.allocate(Math.max(2 * out.capacity(), out.remaining() + n));
                    bigger.put(out).flip();
                    out = bigger;
                }
            }
            int pos = out.position();
            out.position(out.limit()).limit(out.limit() + n);
            out.put(wire, from, n);
            out.position(pos);
        }

        int ready(SelectionKey k, Replies replies) {
            int handed = 0;
            try {
                if (k.isValid() && k.isWritable()) {
                    channel.write(out);
                    if (!out.hasRemaining()) {
                        k.interestOps(SelectionKey.OP_READ);
                    }
                }
                if (k.isValid() && k.isReadable()) {
                    int n = in.readFrom(channel);
                    while (in.hasNext()) {
                        handed += answer(in.take(), replies);
                    }
                    if (n < 0) {
                        fail(new ValkeyException(ErrorCategory.CONNECTION, "FT.SEARCH on " + where
                                + ": the server closed the connection", null, null, null));
                    }
                }
            } catch (IOException e) {
                fail(connectionError(e));
            }
            return handed + handFailures(replies);
        }

        private int answer(Object reply, Replies replies) {
            if (count == 0) {
                fail(new ValkeyException(ErrorCategory.PROTOCOL, "FT.SEARCH on " + where
                        + ": a reply came that no query asked for", null, null, null));
                return 0;
            }
            PreparedSearch q = queries[head];
            long tag = tags[head];
            queries[head] = null;
            head = (head + 1) % tags.length;
            count--;
            if (reply instanceof ValkeyException e) {
                replies.reply(index, tag, null, e);
                return 1;
            }
            SearchResult result;
            try {
                result = SearchResult.parse(reply, q.query().scoreAlias());
            } catch (ValkeyException e) {
                replies.reply(index, tag, null, e);
                return 1;
            }
            replies.reply(index, tag, result, null);
            return 1;
        }

        /** Closes the connection; every query in flight on it fails with {@code error} at the next hand-back. */
        void fail(ValkeyException error) {
            if (failedTags.length < failedCount + count) {
                failedTags = Arrays.copyOf(failedTags, failedCount + count);
            }
            for (int i = 0; i < count; i++) {
                failedTags[failedCount++] = tags[(head + i) % tags.length];
                queries[(head + i) % tags.length] = null;
            }
            head = 0;
            count = 0;
            failure = error;
            failedLinks.add(this);
            disconnect();
        }

        int handFailures(Replies replies) {
            int n = failedCount;
            failedCount = 0;
            for (int i = 0; i < n; i++) {
                replies.reply(index, failedTags[i], null, failure);
            }
            return n;
        }

        void disconnect() {
            dead = true;
            if (key != null) {
                key.cancel();
                key = null;
            }
            if (handshake != null) {
                try {
                    handshake.close();
                } catch (RuntimeException e) {
                    org.slf4j.LoggerFactory.getLogger(NioSearchChannels.class).debug("closing: {}", e.toString());
                }
                handshake = null;
            }
            closeQuietly(channel);
            channel = null;
        }

        private void closeQuietly(SocketChannel ch) {
            if (ch == null) {
                return;
            }
            try {
                ch.close();
            } catch (IOException e) {
                org.slf4j.LoggerFactory.getLogger(NioSearchChannels.class).debug("closing: {}", e.toString());
            }
        }
    }
}
