package io.vst.gui.run;

import io.vst.VstException;
import io.vst.engine.PlannedStep;
import io.vst.engine.RunPlan;
import io.vst.engine.ServerSession;
import io.vst.scenario.GlobalConfig;
import io.vst.valkey.ClientSettings;
import io.vst.valkey.ClusterMode;
import io.vst.valkey.ManagedServer;
import io.vst.valkey.ManagedServerOptions;
import io.vst.valkey.ValkeyClient;
import io.vst.valkey.ValkeyEndpoint;
import java.util.Map;

/** Opens the {@link ServerSession} a {@link ConnectionChoice} names; runs on the run thread, never the EDT. */
final class SessionOpener {

    /** The variable name a prompted password travels under inside the endpoint (never the process env). */
    static final String PROMPTED = "password typed at Run";

    private SessionOpener() {
    }

    /**
     * Connects (or starts the embedded server) with a pool sized for the plan and the scenario's
     * connection_timeout and operation_timeout.
     *
     * @param typedPassword the password typed at Run for {@link ConnectionChoice.PasswordSource#PROMPT}, else
     *     {@code null}; cleared by the caller afterwards
     */
    static ServerSession open(ConnectionChoice c, RunPlan plan, char[] typedPassword) {
        int pool = io.vst.workload.Connections.poolSize(plan.flatten().stream().map(s -> s.config()).toList());
        GlobalConfig global = plan.scenario().globalConfig();
        ClientSettings settings = ClientSettings.of(pool, global.connectionTimeout(), global.operationTimeout());
        if (c.embedded()) {
            ManagedServerOptions o = ManagedServerOptions.defaults();
            if (c.module() != null) {
                o = o.withModule(c.module());
            }
            ManagedServer server = ManagedServer.start(o);
            try {
                ValkeyClient client = ValkeyClient.connect(server.endpoint(), settings);
                return new ServerSession(client, server, server.pid());
            } catch (RuntimeException e) {
                server.close();
                throw e;
            }
        }
        ValkeyEndpoint ep = new ValkeyEndpoint(c.host(), c.port(), 0, blankToNull(c.user()), null, false, null, null,
                null, false, c.cluster() ? ClusterMode.CLUSTER : ClusterMode.AUTO);
        if (c.tls()) {
            ep = ep.withTls(null, null, null, false);
        }
        if (c.password() == ConnectionChoice.PasswordSource.ENV) {
            ep = ep.withPasswordFromEnv(c.passwordEnv());
        } else if (c.password() == ConnectionChoice.PasswordSource.PROMPT) {
            if (typedPassword == null) {
                throw VstException.invalidInput("No password was typed", "type it when Run asks, or pick another source");
            }
            ep = ep.withPasswordFromEnv(PROMPTED, Map.of(PROMPTED, new String(typedPassword)));
        }
        return new ServerSession(ValkeyClient.connect(ep, settings), null, -1);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
