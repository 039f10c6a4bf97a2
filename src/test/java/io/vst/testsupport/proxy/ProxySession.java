package io.vst.testsupport.proxy;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One client connection: reads its commands in order, answers search commands from
 * {@link SearchCommands}, relays everything else byte for byte over its own backend connection, and
 * remembers the connection's protocol (HELLO) and database (SELECT).
 */
final class ProxySession implements Runnable {

    private static final Duration BACKEND_TIMEOUT = Duration.ofSeconds(60);
    private static final int MAX_BATCH = 1024;
    /** Commands this session looks at or answers itself; every other command is relayed untouched. */
    private static final Set<String> SPECIAL = Set.of("FT.CREATE", "FT.INFO", "FT.SEARCH", "FT.DROPINDEX",
            "FT._LIST", "HELLO", "MODULE", "INFO", "SELECT", "FLUSHALL", "FLUSHDB", "RESET", "MULTI", "EXEC",
            "DISCARD");
    private static final String MODULE_INFO_LINE = "module:name=search,ver=" + SearchProxy.MODULE_VERSION
            + ",api=1,filters=0,usedby=[],using=[],options=[handle-io-errors]";
    private static final Set<String> TRANSACTION_CONTROL = Set.of("MULTI", "EXEC", "DISCARD");

    private final Socket client;
    private final SearchProxy proxy;
    private final SearchCommands commands;
    private final int backendPort;
    private volatile RespConnection main;
    private volatile RespConnection side;
    private int protocol = 2;
    private String database = "0";
    private String sideDatabase = "0";
    private SearchTransaction transaction;

    ProxySession(Socket client, SearchProxy proxy, SearchCommands commands, int backendPort) {
        this.client = client;
        this.proxy = proxy;
        this.commands = commands;
        this.backendPort = backendPort;
    }

    @Override
    public void run() {
        try (Socket socket = client) {
            try {
                main = RespConnection.open(backendPort, BACKEND_TIMEOUT);
            } catch (IOException e) {
                proxy.sessionFailed(e);
                return;
            }
            RespReader reader = new RespReader(socket.getInputStream());
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
            serve(reader, out);
        } catch (IOException e) {
            // The client went away or reset its connection: an ordinary end of a session, not a proxy failure.
            proxy.sessionEnded(e);
        } finally {
            close();
        }
    }

    private void serve(RespReader reader, OutputStream out) throws IOException {
        List<List<byte[]>> batch = new ArrayList<>();
        List<byte[]> replies = new ArrayList<>();
        while (true) {
            batch.clear();
            replies.clear();
            RespProtocolException malformed = null;
            boolean ended = false;
            // One command, then every command the client already pipelined behind it.
            do {
                try {
                    List<byte[]> command = reader.readCommand();
                    if (command == null) {
                        ended = true;
                    } else if (!command.isEmpty()) {
                        batch.add(command);
                    }
                } catch (RespProtocolException e) {
                    malformed = e;
                }
            } while (!ended && malformed == null && batch.size() < MAX_BATCH && reader.hasBufferedInput());
            IOException backendFailure = null;
            try {
                answerAll(batch, replies);
            } catch (IOException e) {
                backendFailure = e;
            }
            for (byte[] reply : replies) {
                proxy.awaitPause();
                out.write(reply);
            }
            if (backendFailure != null) {
                // The backend connection broke or timed out; its stream cannot be trusted any more.
                proxy.sessionFailed(backendFailure);
                out.write(error("ERR proxy backend: " + backendFailure.getMessage()));
            }
            if (malformed != null) {
                // Like the server: answer, then drop the connection, since the stream cannot be resynchronised.
                out.write(error("ERR Protocol error: " + malformed.getMessage()));
            }
            out.flush();
            if (ended || malformed != null || backendFailure != null) {
                return;
            }
        }
    }

    /** Replies in order; runs of plain commands go to the backend as one pipeline. */
    private void answerAll(List<List<byte[]>> batch, List<byte[]> replies) throws IOException {
        int next = 0;
        while (next < batch.size()) {
            int end = next;
            while (end < batch.size() && transaction == null && !SPECIAL.contains(upper(batch.get(end).get(0)))) {
                end++;
            }
            if (end > next) {
                for (RespReader.RawValue reply : main.pipeline(batch.subList(next, end))) {
                    replies.add(reply.raw());
                }
                next = end;
            } else {
                replies.add(answer(batch.get(next++)));
            }
        }
    }

    private byte[] error(String text) {
        return RespWriter.encode(new RespValue.Error(text), protocol);
    }

    private byte[] answer(List<byte[]> command) throws IOException {
        String name = upper(command.get(0));
        if (transaction != null && !TRANSACTION_CONTROL.contains(name)) {
            return queue(name, command);
        }
        if (name.equals("FT.SEARCH")) {
            SearchLoad load = proxy.searchLoadCounter();
            load.started(this);
            try {
                proxy.delayIfAsked(name);
                return RespWriter.encode(emulate(command), protocol);
            } finally {
                load.finished();
            }
        }
        if (SearchCommands.emulates(name)) {
            proxy.delayIfAsked(name);
            return RespWriter.encode(emulate(command), protocol);
        }
        return switch (name) {
            case "MULTI", "EXEC", "DISCARD" -> transactionControl(name, command);
            case "HELLO" -> hello(command);
            case "MODULE" -> command.size() == 2 && upper(command.get(1)).equals("LIST") ? moduleList(command)
                    : main.relay(command).raw();
            case "INFO" -> info(command);
            default -> relayTracking(name, command);
        };
    }

    private RespValue emulate(List<byte[]> command) throws IOException {
        try {
            return commands.execute(upper(command.get(0)), command, side());
        } catch (RuntimeException e) {
            proxy.sessionFailed(e);
            return new RespValue.Error("ERR proxy: " + e);
        }
    }

    /** Inside MULTI: the server queues its commands, this session queues the search commands. */
    private byte[] queue(String name, List<byte[]> command) throws IOException {
        if (SearchCommands.emulates(name)) {
            transaction.queueSearch(command);
            return RespWriter.encode(new RespValue.Simple("QUEUED"), protocol);
        }
        RespReader.RawValue reply = main.relay(command);
        if (reply.value() instanceof RespValue.Simple s && s.text().equals("QUEUED")) {
            transaction.queuedByServer();
        }
        return reply.raw();
    }

    private byte[] transactionControl(String name, List<byte[]> command) throws IOException {
        RespReader.RawValue reply = main.relay(command);
        SearchTransaction ended = transaction;
        if (name.equals("MULTI")) {
            boolean ok = reply.value() instanceof RespValue.Simple s && s.text().equals("OK");
            transaction = ok ? new SearchTransaction() : transaction;
            return reply.raw();
        }
        transaction = null;
        if (name.equals("EXEC") && ended != null && ended.hasSearchCommands()
                && reply.value() instanceof RespValue.Array results) {
            return RespWriter.encode(ended.merge(results, this::emulate), protocol);
        }
        return reply.raw();
    }

    private byte[] relayTracking(String name, List<byte[]> command) throws IOException {
        RespReader.RawValue reply = main.relay(command);
        boolean ok = reply.value() instanceof RespValue.Simple s && s.text().equals("OK");
        if (ok && name.equals("SELECT") && command.size() == 2) {
            database = RespValue.latin1(command.get(1));
        } else if (ok && (name.equals("FLUSHALL") || name.equals("FLUSHDB"))) {
            commands.forgetIndexes();
        } else if (name.equals("RESET") && reply.value() instanceof RespValue.Simple) {
            protocol = 2;
            database = "0";
        }
        return reply.raw();
    }

    /** Relays HELLO, remembers the protocol it switched to, and lists the module in its {@code modules}. */
    private byte[] hello(List<byte[]> command) throws IOException {
        RespReader.RawValue reply = main.relay(command);
        if (!(reply.value() instanceof RespValue.Array fields)) {
            return reply.raw();
        }
        if (command.size() >= 2) {
            protocol = Integer.parseInt(RespValue.latin1(command.get(1)));
        }
        List<RespValue> items = new ArrayList<>(fields.items());
        for (int i = 0; i + 1 < items.size(); i += 2) {
            if ("modules".equals(RespValue.textOf(items.get(i)))
                    && items.get(i + 1) instanceof RespValue.Array modules) {
                items.set(i + 1, withSearchModule(modules));
            }
        }
        return RespWriter.encode(new RespValue.Array(items, fields.kind()), protocol);
    }

    private byte[] moduleList(List<byte[]> command) throws IOException {
        RespReader.RawValue reply = main.relay(command);
        if (!(reply.value() instanceof RespValue.Array modules)) {
            return reply.raw();
        }
        return RespWriter.encode(withSearchModule(modules), protocol);
    }

    /** The backend's module list followed by the search module's entry, in the recorded shape. */
    private static RespValue withSearchModule(RespValue.Array modules) {
        List<RespValue> merged = new ArrayList<>(modules.items());
        merged.add(new RespValue.Array(List.of(RespValue.bulk("name"), RespValue.bulk("search"),
                RespValue.bulk("ver"), new RespValue.Int(SearchProxy.MODULE_VERSION), RespValue.bulk("path"),
                RespValue.bulk("/usr/lib/valkey/libsearch.so"), RespValue.bulk("args"),
                new RespValue.Array(List.of())), RespValue.Kind.MAP));
        return new RespValue.Array(merged, modules.kind());
    }

    /**
     * Module sections are part of {@code INFO everything} and of {@code INFO search}/{@code search_*},
     * not of the default or {@code all} set, as with any module's INFO callback; the server's
     * {@code # Modules} section gains the module's line.
     */
    private byte[] info(List<byte[]> command) throws IOException {
        List<byte[]> serverSections = new ArrayList<>();
        serverSections.add(command.get(0));
        boolean search = false;
        for (byte[] section : command.subList(1, command.size())) {
            String lower = RespValue.latin1(section).toLowerCase(Locale.ROOT);
            search |= lower.equals("everything") || lower.equals("search") || lower.startsWith("search_");
            if (!lower.equals("search") && !lower.startsWith("search_")) {
                serverSections.add(section);
            }
        }
        String text = "";
        if (!search || serverSections.size() > 1) {
            RespReader.RawValue server = main.relay(serverSections);
            if (!(server.value() instanceof RespValue.Bulk bulk)) {
                return server.raw();
            }
            text = bulk.text().replace("# Modules\r\n", "# Modules\r\n" + MODULE_INFO_LINE + "\r\n");
            text = search && !text.isEmpty() ? text + "\r\n" : text;
        }
        if (search) {
            text += commands.infoText(side());
        }
        return RespWriter.encode(new RespValue.Bulk(RespValue.bytes(text), "txt"), protocol);
    }

    /** The RESP2 connection the emulation reads data through, on the client's current database. */
    private RespConnection side() throws IOException {
        if (side == null) {
            side = RespConnection.open(backendPort, BACKEND_TIMEOUT);
            sideDatabase = "0";
        }
        if (!sideDatabase.equals(database)) {
            side.call("SELECT", database);
            sideDatabase = database;
        }
        return side;
    }

    private static String upper(byte[] arg) {
        return RespValue.latin1(arg).toUpperCase(Locale.ROOT);
    }

    /** Closes the client socket and both backend connections; the session thread then ends. */
    void close() {
        for (AutoCloseable closeable : new AutoCloseable[] {client, main, side}) {
            if (closeable == null) {
                continue;
            }
            try {
                closeable.close();
            } catch (Exception e) {
                proxy.sessionEnded(e);
            }
        }
    }
}
