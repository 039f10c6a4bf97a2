package io.vst.testsupport.proxy;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One plain RESP connection to a loopback port: sends commands and returns replies with their exact
 * bytes. The proxy uses it towards the real valkey-server; tests use it as a client that sees the bytes
 * on the wire, with no client library in between.
 *
 * <pre>{@code
 * try (RespConnection client = RespConnection.open(proxy.port(), Duration.ofSeconds(30))) {
 *     byte[] reply = client.send("FT._LIST").raw();   // "*0\r\n"
 * }
 * }</pre>
 */
public final class RespConnection implements AutoCloseable {

    private final Socket socket;
    private final RespReader reader;
    private final OutputStream out;

    private RespConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.reader = new RespReader(socket.getInputStream());
        this.out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
    }

    /** Connects to 127.0.0.1:port; every read waits at most {@code timeout}. */
    public static RespConnection open(int port, Duration timeout) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            return new RespConnection(socket);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** Sends one command and reads its one reply, keeping the reply's bytes. */
    public RespReader.RawValue relay(List<byte[]> args) throws IOException {
        out.write(RespWriter.command(args));
        out.flush();
        return reader.readRaw();
    }

    /** Sends one command of text arguments and returns the parsed reply. */
    public RespValue call(String... args) throws IOException {
        return send(args).value();
    }

    /** Sends one command of text arguments and returns the reply with its bytes. */
    public RespReader.RawValue send(String... args) throws IOException {
        return relay(Arrays.stream(args).map(RespValue::bytes).toList());
    }

    /** Sends one command of raw arguments and returns the reply with its bytes. */
    public RespReader.RawValue send(List<byte[]> args) throws IOException {
        return relay(args);
    }

    /** Writes bytes as they are (inline commands, pipelines, garbage). */
    public void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Reads the next reply with its bytes. */
    public RespReader.RawValue read() throws IOException {
        return reader.readRaw();
    }

    /** Connects with a 30 s read timeout, the usual choice in tests. */
    public static RespConnection connect(int port) throws IOException {
        return open(port, java.time.Duration.ofSeconds(30));
    }

    /** Sends many commands in one write and reads their replies, with their bytes, in order. */
    public List<RespReader.RawValue> pipeline(List<List<byte[]>> commands) throws IOException {
        for (List<byte[]> command : commands) {
            out.write(RespWriter.command(command));
        }
        out.flush();
        List<RespReader.RawValue> replies = new ArrayList<>(commands.size());
        for (int i = 0; i < commands.size(); i++) {
            replies.add(reader.readRaw());
        }
        return replies;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
