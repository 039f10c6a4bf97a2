package io.vst.cli;

import io.vst.engine.ServerOverview;
import java.io.PrintWriter;
import java.util.Locale;
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
            description = {"Probe a server: version, modules (valkey-search?), cluster nodes, memory in use, "
                    + "maxmemory, clients, allocator.",
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
            try (io.vst.engine.ServerTarget target = connection.open()) {
                for (ServerOverview.Row r : ServerOverview.read(target).rows()) {
                    out.println(String.format(Locale.ROOT, "%-11s %s", r.name(), r.value()));
                }
            }
            return Main.EXIT_OK;
        }
    }
}
