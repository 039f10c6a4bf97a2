package io.vst.valkey.resp;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisSocketFactory;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * {@link CommandPipeline} writing RESP straight into one large reused buffer on a dedicated connection of
 * a standalone server, and reading replies without building Jedis command or response objects. Jedis
 * still opens the connection (TLS, AUTH, HELLO, SELECT, client name); after that only this class uses the
 * socket. A vector given as floats is encoded little-endian directly into the buffer, so ingest allocates
 * no per-vector byte array. The buffer goes to the socket when full, at {@link #flush()} and at {@link #sync()}.
 *
 * <p>Replies: {@link Long} for HSET / DEL / EXISTS, {@code byte[]} or {@code null} for HGET, a
 * {@link ValkeyException} element for an error reply. Not thread-safe: one worker thread at a time.
 */
final class RespPipeline implements CommandPipeline {

    /** Output buffer: a pipelined batch of 1536-d vectors goes out in writes of this size. */
    static final int OUTPUT_BYTES = 256 * 1024;
    private static final int INPUT_BYTES = 64 * 1024;
    private static final int SEND_BUFFER_BYTES = 2 * 1024 * 1024;
    private static final byte[] HSET = "HSET".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DEL = "DEL".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EXISTS = "EXISTS".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HGET = "HGET".getBytes(StandardCharsets.US_ASCII);

    private final Connection connection;
    private final OutputStream out;
    private final RespReader in;
    private final String where;
    private final PipelinePool pool;
    private final byte[] buf = new byte[OUTPUT_BYTES];
    private final ByteBuffer view = ByteBuffer.wrap(buf).order(ByteOrder.LITTLE_ENDIAN);
    private int count;
    private int pending;
    private byte[] hsetStart;
    private int hsetStartArgs = -1;
    private byte[] vectorField;
    private int vectorBytes = -1;
    private byte[] vectorFieldFrame;
    private boolean closed;
    /** A write or read failed: the connection's state is unknown, so it is not reused. */
    private boolean broken;

    private RespPipeline(Connection connection, Socket socket, String where, PipelinePool pool) throws IOException {
        this.connection = connection;
        this.out = socket.getOutputStream();
        this.in = new RespReader(socket.getInputStream(), INPUT_BYTES);
        this.where = where;
        this.pool = pool;
    }

    /** Opens a connection to {@code address} for {@code pool}, which has counted it already. */
    static RespPipeline open(HostAndPort address, JedisClientConfig config, String where, PipelinePool pool) {
        Connection connection = null;
        try {
            DefaultJedisSocketFactory sockets = new DefaultJedisSocketFactory(address, config);
            Socket[] socket = new Socket[1];
            connection = new Connection(() -> socket[0] = sockets.createSocket(), config);
            // Room for a whole pipelined batch in the kernel, so a worker's write returns while the server is
            // still busy with its other connections instead of waiting for this one to drain.
            socket[0].setSendBufferSize(SEND_BUFFER_BYTES);
            return new RespPipeline(connection, socket[0], where, pool);
        } catch (IOException | RuntimeException e) {
            if (connection != null) {
                connection.close();
            }
            throw ErrorMapper.map(e instanceof IOException io ? new JedisConnectionException(io) : e,
                    "Opening a pipeline", where);
        }
    }

    @Override
    public void hset(byte[] key, byte[]... fieldValues) {
        guard(() -> {
            header(HSET, key, 2 + fieldValues.length);
            for (byte[] v : fieldValues) {
                bulk(v);
            }
        });
    }

    @Override
    public void hsetVector(byte[] key, byte[] field, float[] vector, byte[]... more) {
        guard(() -> {
            // Only the key differs from one vector to the next: the rest of the frame around it is cached.
            constant(hsetStart(4 + more.length));
            bulk(key);
            constant(fieldAndLength(field, vector.length * Float.BYTES));
            floatBody(vector);
            for (byte[] v : more) {
                bulk(v);
            }
            pending++;
        });
    }

    /** {@code *<args> $4 HSET}, the start of an HSET of {@code args} arguments (the last one asked, cached). */
    private byte[] hsetStart(int args) {
        if (args != hsetStartArgs) {
            hsetStart = ("*" + args + "\r\n$4\r\nHSET\r\n").getBytes(StandardCharsets.US_ASCII);
            hsetStartArgs = args;
        }
        return hsetStart;
    }

    /** {@code $<n> <field> $<bytes>}: a vector field's name and its value's length (the last one asked, cached). */
    private byte[] fieldAndLength(byte[] field, int bytes) {
        if (bytes != vectorBytes || !Arrays.equals(field, vectorField)) {
            byte[] head = ("$" + field.length + "\r\n").getBytes(StandardCharsets.US_ASCII);
            byte[] tail = ("\r\n$" + bytes + "\r\n").getBytes(StandardCharsets.US_ASCII);
            byte[] all = new byte[head.length + field.length + tail.length];
            System.arraycopy(head, 0, all, 0, head.length);
            System.arraycopy(field, 0, all, head.length, field.length);
            System.arraycopy(tail, 0, all, head.length + field.length, tail.length);
            vectorFieldFrame = all;
            vectorField = field.clone();
            vectorBytes = bytes;
        }
        return vectorFieldFrame;
    }

    @Override
    public void del(byte[] key) {
        guard(() -> header(DEL, key, 2));
    }

    @Override
    public void exists(byte[] key) {
        guard(() -> header(EXISTS, key, 2));
    }

    @Override
    public void hget(byte[] key, byte[] field) {
        guard(() -> {
            header(HGET, key, 3);
            bulk(field);
        });
    }

    /** Writes the buffered commands to the socket now, so the server has the whole batch while replies wait. */
    @Override
    public void flush() {
        guard(this::writeOut);
    }

    @Override
    public List<Object> sync() {
        List<Object> replies = new ArrayList<>(pending);
        guard(() -> {
            writeOut();
            String what = "pipelined command on " + where;
            for (; pending > 0; pending--) {
                Object r = in.read();
                replies.add(r instanceof RespReader.ErrorReply e ? ErrorMapper.fromServerText(e.text(), what, null) : r);
            }
        });
        return replies;
    }

    /**
     * Gives the connection back to the client's pool when nothing is queued or unanswered on it; otherwise
     * (a failure, or replies never read) closes it.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (!broken && pending == 0 && count == 0) {
            pool.giveBack(this);
            return;
        }
        disconnect();
        pool.closed();
    }

    /** This idle pipeline, handed out again. */
    RespPipeline reopen() {
        closed = false;
        return this;
    }

    /** Closes the connection; never throws. */
    void disconnect() {
        try {
            connection.close();
        } catch (RuntimeException e) {
            // The connection is already broken (that is often why we close): nothing more to release.
            org.slf4j.LoggerFactory.getLogger(RespPipeline.class).debug("closing pipeline: {}", e.toString());
        }
    }

    private interface Io {
        void run() throws IOException;
    }

    private void guard(Io body) {
        if (closed) {
            throw new ValkeyException(ErrorCategory.CONNECTION, "pipeline on " + where + " is closed", null, null, null);
        }
        try {
            body.run();
        } catch (IOException e) {
            broken = true;
            throw ErrorMapper.map(new JedisConnectionException(e), "pipeline", where);
        }
    }

    /** {@code *<args> $<name> <key>}: the start of every command; counts one more reply to read. */
    private void header(byte[] name, byte[] key, int args) throws IOException {
        room(64);
        buf[count++] = '*';
        decimal(args);
        bulk(name);
        bulk(key);
        pending++;
    }

    private void bulk(byte[] v) throws IOException {
        length(v.length);
        constant(v);
        crlf();
    }

    /** Bytes written as they are: into the buffer, or straight to the socket when larger than the buffer. */
    private void constant(byte[] c) throws IOException {
        if (c.length > buf.length - count) {
            writeOut();
            if (c.length > buf.length) {
                out.write(c);
                return;
            }
        }
        System.arraycopy(c, 0, buf, count, c.length);
        count += c.length;
    }

    /** The floats as little-endian FLOAT32, encoded in place, and CRLF: a bulk string's body after its length. */
    private void floatBody(float[] v) throws IOException {
        int done = 0;
        while (done < v.length) {
            if (buf.length - count < Float.BYTES) {
                writeOut();
            }
            int n = Math.min(v.length - done, (buf.length - count) / Float.BYTES);
            FloatBuffer f = view.position(count).asFloatBuffer();
            f.put(v, done, n);
            count += n * Float.BYTES;
            done += n;
        }
        crlf();
    }

    private void length(int n) throws IOException {
        room(16);
        buf[count++] = '$';
        decimal(n);
    }

    /** A non-negative decimal and CRLF; the caller made room. */
    private void decimal(int n) {
        int digits = 1;
        for (int rest = n / 10; rest > 0; rest /= 10) {
            digits++;
        }
        for (int i = count + digits - 1; i >= count; i--) {
            buf[i] = (byte) ('0' + n % 10);
            n /= 10;
        }
        count += digits;
        buf[count++] = '\r';
        buf[count++] = '\n';
    }

    private void crlf() throws IOException {
        room(2);
        buf[count++] = '\r';
        buf[count++] = '\n';
    }

    private void room(int n) throws IOException {
        if (buf.length - count < n) {
            writeOut();
        }
    }

    private void writeOut() throws IOException {
        if (count > 0) {
            out.write(buf, 0, count);
            count = 0;
        }
    }
}
