package io.vst.valkey.resp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The warm-up sink over plain sockets, as a RESP client sees it: every keyed command answered {@code :1} in
 * order and counted, and a client that resets its connection (the warm-up closing a pipeline whose last
 * reply it never read) costs the other connections nothing.
 */
class SinkServerTest {

    private static byte[] hset(String key) {
        return ("*4\r\n$4\r\nHSET\r\n$" + key.length() + "\r\n" + key + "\r\n$6\r\nvector\r\n$8\r\n12345678\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    private static String read(InputStream in, int bytes) throws IOException {
        byte[] b = in.readNBytes(bytes);
        return new String(b, StandardCharsets.US_ASCII);
    }

    private static void awaitWrites(SinkServer sink, long n) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (sink.writes() < n && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(sink.writes()).isEqualTo(n);
    }

    @Test
    void aClientThatResetsItsConnectionLeavesTheSinkAnsweringTheOthers() throws Exception {
        try (SinkServer sink = SinkServer.start()) {
            try (Socket a = new Socket(InetAddress.getLoopbackAddress(), sink.port())) {
                a.setSoTimeout(5000);
                OutputStream out = a.getOutputStream();
                out.write(hset("vec:1"));
                out.flush();
                assertThat(read(a.getInputStream(), 4)).isEqualTo(":1\r\n");
                // The second reply stays unread: with linger 0 the close resets the connection.
                out.write(hset("vec:2"));
                out.flush();
                awaitWrites(sink, 2);
                a.setSoLinger(true, 0);
            }
            try (Socket b = new Socket(InetAddress.getLoopbackAddress(), sink.port())) {
                b.setSoTimeout(5000);
                OutputStream out = b.getOutputStream();
                out.write(hset("vec:3"));
                out.write(hset("vec:4"));
                out.write("*1\r\n$4\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII));
                out.write(hset("vec:5"));
                out.flush();
                assertThat(read(b.getInputStream(), 4 + 4 + 7 + 4)).isEqualTo(":1\r\n:1\r\n+PONG\r\n:1\r\n");
            }
            awaitWrites(sink, 5);
            assertThat(sink.connectionsAccepted()).isEqualTo(2);
        }
    }

    @Test
    void connectionsTheClientsCloseLeaveTheSinkAndItClosesTheRest() throws Exception {
        try (SinkServer sink = SinkServer.start()) {
            Socket[] clients = new Socket[3];
            for (int i = 0; i < clients.length; i++) {
                clients[i] = new Socket(InetAddress.getLoopbackAddress(), sink.port());
                clients[i].setSoTimeout(5000);
            }
            awaitOpen(sink, 3);
            clients[0].close();
            clients[1].close();
            awaitOpen(sink, 1);
            assertThat(sink.connectionsAccepted()).isEqualTo(3);
            sink.close();
            // The sink's end of the last one is closed: its client reads the end of the stream.
            assertThat(clients[2].getInputStream().read()).isEqualTo(-1);
            clients[2].close();
            awaitOpen(sink, 0);
        }
    }

    private static void awaitOpen(SinkServer sink, int n) throws InterruptedException {
        long end = System.nanoTime() + 10_000_000_000L;
        while (sink.openConnections() != n && System.nanoTime() < end) {
            Thread.sleep(5);
        }
        assertThat(sink.openConnections()).isEqualTo(n);
    }

    @Test
    void aClosedSinkRefusesNewConnections() throws Exception {
        SinkServer sink = SinkServer.start();
        int port = sink.port();
        sink.close();
        boolean refused;
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            refused = false;
        } catch (IOException e) {
            refused = true;
        }
        assertThat(refused).isTrue();
    }
}
