package io.vst.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback port that accepts TCP connections and never writes a byte; it notes how long each client
 * kept its connection open before closing it: the server-side clock of a client's connect timeout.
 *
 * <p>Thread-safe; one daemon thread accepts and reads, one connection at a time.
 */
public final class SilentServer implements AutoCloseable {

    private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    private final List<Double> held = new CopyOnWriteArrayList<>();
    private final Thread acceptor = new Thread(this::serve, "silent-server");

    public SilentServer() throws IOException {
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** The port on 127.0.0.1. */
    public int port() {
        return socket.getLocalPort();
    }

    /** How long each closed connection was held open, in seconds, in the order they were accepted. */
    public List<Double> heldSeconds() {
        return List.copyOf(held);
    }

    private void serve() {
        while (!socket.isClosed()) {
            Socket client;
            try {
                client = socket.accept();
            } catch (IOException closed) {
                // close() ends the accept loop
                return;
            }
            long opened = System.nanoTime();
            readUntilClosed(client);
            held.add((System.nanoTime() - opened) / 1e9);
        }
    }

    /** Reads what the client sends (HELLO, ...), answers nothing, and returns once it closed. */
    private static void readUntilClosed(Socket client) {
        try (client; InputStream in = client.getInputStream()) {
            while (in.read() >= 0) {
                continue;
            }
        } catch (IOException reset) {
            // a reset ends the connection as a close does
            return;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
