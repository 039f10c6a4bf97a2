package io.vst.valkey.resp;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A RESP endpoint on a loopback port that answers every command and keeps nothing: {@code HSET}, {@code DEL}
 * and {@code EXISTS} get {@code :1}, {@code PING} gets {@code +PONG}, {@code HELLO} protocol 2, anything else (the connection handshake)
 * {@code +OK}. vst's write path runs against it before a run's first ingest, so the JIT compiles that path
 * while the server under test is idle instead of during the step (see {@code engine.JitWarmup}). It reads
 * arguments without keeping them, so a 6 KiB vector costs it a copy and no allocation. Thread-safe.
 *
 * <p>It reads and writes through socket channels, not socket streams: a client's close resets its
 * connection here, and that exception, thrown through the socket-stream read the client's pipelines use,
 * made the JIT throw its compiled read away (an uncommon trap) just as the warmed step began, so the step's
 * first replies were read through less optimised code. Channels keep the sink's ends out of that code.
 */
public final class SinkServer implements AutoCloseable {

    private static final byte[] ONE = ":1\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PONG = "+PONG\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OK = "+OK\r\n".getBytes(StandardCharsets.US_ASCII);
    /** HELLO's reply in RESP2: the protocol field alone (the sink's clients ask for RESP2). */
    private static final byte[] HELLO_2 = "*2\r\n$5\r\nproto\r\n:2\r\n".getBytes(StandardCharsets.US_ASCII);

    private final ServerSocketChannel listener;
    /** Connections still open: the warm-up opens new ones every round and closes the last round's. */
    private final Set<SocketChannel> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicLong writes = new AtomicLong();
    private final Thread acceptor;

    private SinkServer(ServerSocketChannel listener) {
        this.listener = listener;
        this.acceptor = new Thread(this::acceptLoop, "vst-warmup-sink");
        this.acceptor.setDaemon(true);
    }

    /** Listens on a free port of 127.0.0.1. */
    public static SinkServer start() throws IOException {
        ServerSocketChannel listener = ServerSocketChannel.open();
        try {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        } catch (IOException e) {
            listener.close();
            throw e;
        }
        SinkServer s = new SinkServer(listener);
        s.acceptor.start();
        return s;
    }

    public int port() {
        return listener.socket().getLocalPort();
    }

    /** How many connections it has accepted, closed ones included. */
    public int connectionsAccepted() {
        return accepted.get();
    }

    /** How many of its connections are open now (a closed one counts until the sink has read its end). */
    public int openConnections() {
        return open.size();
    }

    /** How many HSET / DEL / EXISTS commands it has answered. */
    public long writes() {
        return writes.get();
    }

    private void acceptLoop() {
        while (listener.isOpen()) {
            SocketChannel s;
            try {
                s = listener.accept();
            } catch (IOException e) {
                return; // closed
            }
            open.add(s);
            int n = accepted.incrementAndGet();
            Thread t = new Thread(() -> serve(s), "vst-warmup-sink-" + n);
            t.setDaemon(true);
            t.start();
        }
    }

    private void serve(SocketChannel s) {
        try (s) {
            InputStream in = new BufferedInputStream(Channels.newInputStream(s), 64 * 1024);
            OutputStream out = new BufferedOutputStream(Channels.newOutputStream(s), 16 * 1024);
            byte[] name = new byte[16];
            while (true) {
                int first = in.read();
                if (first < 0) {
                    return;
                }
                if (first != '*') {
                    throw new IOException("not a RESP array");
                }
                long args = number(in);
                int nameLength = 0;
                for (long a = 0; a < args; a++) {
                    if (in.read() != '$') {
                        throw new IOException("not a RESP bulk string");
                    }
                    int n = (int) number(in);
                    if (a == 0) {
                        nameLength = Math.min(n, name.length);
                        readFully(in, name, nameLength);
                        skip(in, n - nameLength + 2);
                    } else {
                        skip(in, n + 2L);
                    }
                }
                out.write(reply(name, nameLength));
                if (in.available() == 0) {
                    out.flush();
                }
            }
        } catch (IOException e) {
            // The client went away (the warm-up closed its connections) or sent what this sink does not read.
            org.slf4j.LoggerFactory.getLogger(SinkServer.class).debug("warm-up sink connection ended: {}", e.toString());
        } finally {
            open.remove(s);
        }
    }

    private byte[] reply(byte[] name, int length) {
        String command = new String(name, 0, length, StandardCharsets.US_ASCII).toUpperCase(java.util.Locale.ROOT);
        switch (command) {
            case "HSET", "DEL", "EXISTS" -> {
                writes.incrementAndGet();
                return ONE;
            }
            case "PING" -> {
                return PONG;
            }
            case "HELLO" -> {
                return HELLO_2;
            }
            default -> {
                return OK;
            }
        }
    }

    /** A decimal up to CRLF. */
    private static long number(InputStream in) throws IOException {
        long v = 0;
        boolean negative = false;
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new EOFException();
            }
            if (c == '\r') {
                in.read();
                return negative ? -v : v;
            }
            if (c == '-') {
                negative = true;
            } else {
                v = v * 10 + (c - '0');
            }
        }
    }

    private static void readFully(InputStream in, byte[] into, int n) throws IOException {
        int off = 0;
        while (off < n) {
            int r = in.read(into, off, n - off);
            if (r < 0) {
                throw new EOFException();
            }
            off += r;
        }
    }

    private static void skip(InputStream in, long n) throws IOException {
        while (n > 0) {
            long k = in.skip(n);
            if (k <= 0) {
                if (in.read() < 0) {
                    throw new EOFException();
                }
                k = 1;
            }
            n -= k;
        }
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException e) {
            org.slf4j.LoggerFactory.getLogger(SinkServer.class).debug("closing the warm-up sink: {}", e.toString());
        }
        for (SocketChannel s : open) {
            try {
                s.close();
            } catch (IOException e) {
                org.slf4j.LoggerFactory.getLogger(SinkServer.class).debug("closing a sink connection: {}", e.toString());
            }
        }
    }
}
