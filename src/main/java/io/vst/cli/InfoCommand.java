package io.vst.cli;

import io.vst.units.Units;
import io.vst.valkey.CapabilityProbe;
import io.vst.valkey.ServerCapabilities;
import io.vst.valkey.ValkeyClient;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code vst info ...}: what vst can find out about its surroundings. */
@Command(name = "info", description = "Show what vst finds out about a server.",
        subcommands = {InfoCommand.Server.class})
public final class InfoCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code vst info server}: probes a server and prints its capabilities. */
    @Command(name = "server", mixinStandardHelpOptions = true,
            description = {"Probe a server: version, modules (valkey-search?), cluster, maxmemory, allocator.",
                "Without --server, vst starts its own local valkey-server, probes it and stops it."},
            footer = {"", "Examples:",
                "  vst info server",
                "  vst info server --server valkey://db1:6379 --password-env VST_PW",
                "  vst info server --module /usr/lib/valkey/libsearch.so"})
    static final class Server implements Callable<Integer> {

        @Mixin
        ConnectionOptions connection;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (io.vst.engine.ServerTarget target = connection.open();
                    ValkeyClient client = ValkeyClient.connect(target.endpoint(), 1)) {
                ServerCapabilities caps = CapabilityProbe.probe(client);
                String origin = target.startedByVst() ? ", started by vst" : "";
                row(out, "server", caps.serverName() + " " + caps.version() + " (" + target.endpoint().toUri()
                        + origin + ")");
                row(out, "mode", caps.cluster() ? "cluster (" + caps.nodeCount() + " primaries)" : "standalone");
                row(out, "modules", modules(caps.modules()));
                row(out, "search", caps.hasSearch() ? "valkey-search " + caps.searchVersion()
                        : "not loaded (steps with vector indexes need the valkey-search module)");
                row(out, "maxmemory", caps.maxmemory() == 0 ? "no limit" : bytes(caps.maxmemory()));
                row(out, "allocator", caps.allocator());
                row(out, "os", caps.os());
                row(out, "process id", caps.processId() + (caps.local() ? " (local: RSS read from /proc)"
                        : " (remote)"));
            }
            return Main.EXIT_OK;
        }

        private static void row(PrintWriter out, String name, String value) {
            out.println(String.format(Locale.ROOT, "%-11s %s", name, value));
        }

        private static String modules(Map<String, String> modules) {
            if (modules.isEmpty()) {
                return "none";
            }
            StringBuilder sb = new StringBuilder();
            modules.forEach((name, ver) -> sb.append(sb.length() == 0 ? "" : ", ").append(name).append(' ').append(ver));
            return sb.toString();
        }

        private static String bytes(long n) {
            return Units.bytes(n) + " (" + Units.count(n) + " bytes)";
        }
    }
}
