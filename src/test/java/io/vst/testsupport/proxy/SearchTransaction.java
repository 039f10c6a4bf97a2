package io.vst.testsupport.proxy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Search commands a client queued inside {@code MULTI}: the server never sees them, so at {@code EXEC}
 * they run and their replies are put back in their places among the server's results.
 */
final class SearchTransaction {

    /** Runs one queued search command. */
    @FunctionalInterface
    interface Runner {
        RespValue run(List<byte[]> command) throws IOException;
    }

    private final List<Integer> positions = new ArrayList<>();
    private final List<List<byte[]>> commands = new ArrayList<>();
    private int queued;

    /** A search command queued at the next position. */
    void queueSearch(List<byte[]> command) {
        positions.add(queued++);
        commands.add(command);
    }

    /** The server queued one of its own commands. */
    void queuedByServer() {
        queued++;
    }

    boolean hasSearchCommands() {
        return !commands.isEmpty();
    }

    /** The EXEC results with the search replies in their queued positions. */
    RespValue.Array merge(RespValue.Array serverResults, Runner runner) throws IOException {
        List<RespValue> merged = new ArrayList<>(serverResults.items());
        for (int i = 0; i < commands.size(); i++) {
            merged.add(Math.min(positions.get(i), merged.size()), runner.run(commands.get(i)));
        }
        return new RespValue.Array(merged, serverResults.kind());
    }
}
