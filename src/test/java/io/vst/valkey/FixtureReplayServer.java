package io.vst.valkey;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback RESP server for tests that answers FT.*, MODULE LIST and INFO SEARCH with the recorded
 * wire bytes of a real valkey-search, so the client's whole path (arguments sent, Jedis decoding, vst
 * parsing) is exercised. A command that matches no recording gets an error naming it, which fails the
 * test that sent it. Recordings of the same command are served in file order (the last one repeats).
 */
final class FixtureReplayServer implements AutoCloseable {

    private final ServerSocket socket;
    private final Map<String, Deque<byte[]>> resp2 = new HashMap<>();
    private final Map<String, Deque<byte[]>> resp3 = new HashMap<>();
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    FixtureReplayServer(List<Fixture> fixtures) throws IOException {
        for (Fixture f : fixtures) {
            Map<String, Deque<byte[]>> byProtocol = f.protocol() == 3 ? resp3 : resp2;
            byProtocol.computeIfAbsent(String.join(" ", f.command()), k -> new ArrayDeque<>()).add(f.wire());
        }
        socket = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::acceptLoop, "fixture-replay-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    /** Every command received, arguments joined by spaces (binary ones as {@code hex:...}). */
    List<String> received() {
        return received;
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket s = socket.accept();
                Thread t = new Thread(() -> serve(s), "fixture-replay-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket s) {
        int protocol = 2;
        try (s; InputStream in = new BufferedInputStream(s.getInputStream()); OutputStream out = s.getOutputStream()) {
            while (true) {
                List<byte[]> cmd = readCommand(in);
                if (cmd == null) {
                    return;
                }
                String line = describe(cmd);
                received.add(line);
                String name = new String(cmd.get(0), StandardCharsets.UTF_8).toUpperCase(java.util.Locale.ROOT);
                if (name.equals("HELLO")) {
                    protocol = cmd.size() > 1 ? Integer.parseInt(new String(cmd.get(1), StandardCharsets.UTF_8)) : 2;
                    out.write(hello(protocol));
                } else if (name.equals("CLIENT")) {
                    out.write(ascii("+OK\r\n"));
                } else if (name.equals("PING")) {
                    out.write(ascii("+PONG\r\n"));
                } else if (line.equals("INFO server")) {
                    out.write(bulk("# Server\r\nserver_name:valkey\r\nvalkey_version:9.1.2\r\nos:Linux\r\n"
                            + "process_id:4242\r\n"));
                } else if (line.equals("INFO memory")) {
                    out.write(bulk("# Memory\r\nmaxmemory:0\r\nmem_allocator:jemalloc-5.3.0\r\n"));
                } else {
                    out.write(recorded(line, protocol));
                }
                out.flush();
            }
        } catch (SocketException e) {
            // The client closed the connection.
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private synchronized byte[] recorded(String line, int protocol) {
        Deque<byte[]> queue = (protocol == 3 ? resp3 : resp2).get(line);
        if (queue == null && protocol == 3) {
            // valkey-search answers FT.SEARCH and most FT.INFO fields identically under RESP3.
            queue = resp2.get(line);
        }
        if (queue == null) {
            return ascii("-ERR no recording for: " + line.replace("\r", " ").replace("\n", " ") + "\r\n");
        }
        return queue.size() > 1 ? queue.poll() : queue.peek();
    }

    private static byte[] hello(int protocol) {
        String fields = "$6\r\nserver\r\n$6\r\nvalkey\r\n$7\r\nversion\r\n$5\r\n9.1.2\r\n$5\r\nproto\r\n:" + protocol
                + "\r\n$2\r\nid\r\n:1\r\n$4\r\nmode\r\n$10\r\nstandalone\r\n$4\r\nrole\r\n$6\r\nmaster\r\n"
                + "$7\r\nmodules\r\n*0\r\n";
        return ascii((protocol == 3 ? "%7\r\n" : "*14\r\n") + fields);
    }

    private static byte[] bulk(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return ascii("$" + b.length + "\r\n" + text + "\r\n");
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String describe(List<byte[]> cmd) {
        List<String> words = new ArrayList<>();
        for (byte[] w : cmd) {
            boolean text = true;
            for (byte b : w) {
                if (b < 0x20 || b > 0x7e) {
                    text = false;
                    break;
                }
            }
            words.add(text ? new String(w, StandardCharsets.UTF_8) : "hex:" + java.util.HexFormat.of().formatHex(w));
        }
        return String.join(" ", words);
    }

    private static List<byte[]> readCommand(InputStream in) throws IOException {
        String header = readLine(in);
        if (header == null) {
            return null;
        }
        if (header.charAt(0) != '*') {
            throw new IOException("expected a RESP array, got " + header);
        }
        int n = Integer.parseInt(header.substring(1));
        List<byte[]> args = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String len = readLine(in);
            int size = Integer.parseInt(len.substring(1));
            byte[] b = in.readNBytes(size);
            in.readNBytes(2);
            args.add(b);
        }
        return args;
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\r') {
                in.read();
                return line.toString(StandardCharsets.UTF_8);
            }
            line.write(c);
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
