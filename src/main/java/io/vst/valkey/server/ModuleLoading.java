package io.vst.valkey.server;

import io.vst.VstException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * How a {@link ManagedServer} loads its modules: {@code --loadmodule PATH} on the command line, or, for a
 * module with arguments, a config file given as the server's first argument (the command line cannot pass a
 * module argument that starts with {@code --}, such as valkey-search's {@code --use-coordinator}). And the
 * port a server needs when valkey-search's coordinator runs beside it.
 */
final class ModuleLoading {

    /** valkey-search's argument that starts its cluster coordinator (gRPC). */
    static final String USE_COORDINATOR = "--use-coordinator";
    /** valkey-search's coordinator listens on the Valkey port plus this offset. */
    static final int COORDINATOR_PORT_OFFSET = 20294;
    private static final int LOWEST_PORT = 20000;
    private static final int ATTEMPTS = 200;

    private ModuleLoading() {
    }

    /**
     * The server arguments that load the options' modules, the config file first when one is needed
     * (written into {@code dir} as {@code vst-modules.conf}).
     */
    static List<String> arguments(ManagedServerOptions options, Path dir) {
        List<String> out = new ArrayList<>();
        StringBuilder conf = new StringBuilder();
        for (Path module : options.modules()) {
            String path = module.toAbsolutePath().toString();
            List<String> args = options.argsOf(module);
            if (args.isEmpty()) {
                out.addAll(List.of("--loadmodule", path));
            } else {
                conf.append("loadmodule ").append(quoted(path));
                args.forEach(a -> conf.append(' ').append(quoted(a)));
                conf.append('\n');
            }
        }
        if (conf.length() > 0) {
            Path file = dir.resolve("vst-modules.conf");
            try {
                Files.writeString(file, conf.toString(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw VstException.runtime("Cannot write " + file + ": " + e.getMessage(), e);
            }
            out.add(0, file.toString());
        }
        return out;
    }

    /** Whether a module is loaded with valkey-search's coordinator, which needs {@link #coordinatedPort}. */
    static boolean needsCoordinatorPort(ManagedServerOptions options) {
        return options.modules().stream().anyMatch(m -> options.argsOf(m).contains(USE_COORDINATOR));
    }

    /**
     * A free loopback port whose coordinator port (port + {@value #COORDINATOR_PORT_OFFSET}) is free too
     * and below 65536: an ephemeral port (above 45241) would put the coordinator out of range.
     */
    static int coordinatedPort() {
        Random random = new Random();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int port = LOWEST_PORT + random.nextInt(65535 - COORDINATOR_PORT_OFFSET - LOWEST_PORT);
            if (isFree(port) && isFree(port + COORDINATOR_PORT_OFFSET)) {
                return port;
            }
        }
        throw VstException.runtime("No free loopback port pair (p, p+" + COORDINATOR_PORT_OFFSET
                + ") for valkey-search's coordinator in " + ATTEMPTS + " tries", null);
    }

    /** A config-file word in double quotes, with the quote and backslash escaped. */
    static String quoted(String word) {
        return '"' + word.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static boolean isFree(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort() == port;
        } catch (IOException e) {
            return false;
        }
    }
}
