package io.vst.engine;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server's own record of the commands it executed, in order: a raw {@code MONITOR} connection read on
 * a thread of its own. Tests use it to see the order and the names of commands independently of vst.
 */
final class MonitorTap implements AutoCloseable {

    private final Socket socket;
    private final Thread reader;
    private final List<String> lines = new ArrayList<>();

    MonitorTap(int port) {
        try {
            socket = new Socket();
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            OutputStream out = socket.getOutputStream();
            out.write("MONITOR\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.ISO_8859_1));
            String ok = in.readLine();
            if (!"+OK".equals(ok)) {
                throw new IllegalStateException("MONITOR answered " + ok);
            }
            reader = new Thread(() -> read(in), "monitor-tap-" + port);
            reader.setDaemon(true);
            reader.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void read(BufferedReader in) {
        try {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                synchronized (lines) {
                    lines.add(line);
                }
            }
        } catch (IOException closed) {
            // close() ends the tap by closing the socket.
            return;
        }
    }

    /** The whole MONITOR lines of the commands named {@code command} (e.g. FT.CREATE), in order. */
    List<String> linesOf(String command) {
        String quoted = "\"" + command.toUpperCase(java.util.Locale.ROOT) + "\"";
        List<String> out = new ArrayList<>();
        synchronized (lines) {
            for (String l : lines) {
                if (l.toUpperCase(java.util.Locale.ROOT).contains("] " + quoted)) {
                    out.add(l);
                }
            }
        }
        return out;
    }

    /** The keys of the commands named {@code command} (e.g. HSET) in the order the server ran them. */
    List<String> keysOf(String command) {
        return firstGroups(Pattern.compile("\"" + Pattern.quote(command) + "\" \"([^\"]*)\"", Pattern.CASE_INSENSITIVE));
    }

    /** The distinct client addresses ({@code host:port}) that sent commands named {@code command}. */
    java.util.Set<String> clientsOf(String command) {
        return new java.util.HashSet<>(firstGroups(Pattern.compile("\\[\\d+ ([^\\]]+)\\] \""
                + Pattern.quote(command) + "\"", Pattern.CASE_INSENSITIVE)));
    }

    /** The names of all commands the server ran, upper case, in order. */
    List<String> commands() {
        return firstGroups(Pattern.compile("\\] \"([^\"]+)\"")).stream()
                .map(c -> c.toUpperCase(java.util.Locale.ROOT)).toList();
    }

    /** Group 1 of {@code p} in each MONITOR line it matches, in order. */
    private List<String> firstGroups(Pattern p) {
        List<String> out = new ArrayList<>();
        synchronized (lines) {
            for (String l : lines) {
                Matcher m = p.matcher(l);
                if (m.find()) {
                    out.add(m.group(1));
                }
            }
        }
        return out;
    }

    /** Waits until the server's MONITOR stream has shown {@code count} commands named {@code command}. */
    List<String> awaitKeys(String command, int count) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        List<String> keys = keysOf(command);
        while (keys.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
            keys = keysOf(command);
        }
        return keys;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
