package io.vst.gui.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vst.VstException;
import io.vst.engine.PlanOptions;
import io.vst.engine.RunPlan;
import io.vst.engine.ServerSession;
import io.vst.scenario.ScenarioReader;
import io.vst.scenario.SchemaRegistry;
import io.vst.testsupport.SilentServer;
import io.vst.testsupport.ValkeyTestServer;
import io.vst.testsupport.proxy.SearchProxy;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The workbench's Run opens its session with the scenario's {@code connection_timeout} and
 * {@code operation_timeout}, as {@code vst run} does. References: a loopback port that accepts and never
 * answers (it clocks how long each connection was held), a delay the test-only search proxy puts on every
 * FT._LIST reply, and the test's own clock.
 */
@Timeout(60)
class SessionTimeoutsTest {

    private static RunPlan plan(double connectionTimeout, double operationTimeout) {
        String yaml = String.format(Locale.ROOT, """
                name: timeouts
                dataset: synthetic-8
                global_config: {connection_timeout: %s, operation_timeout: %s}
                steps:
                  - name: rest
                    type: wait
                    parameters: {duration_seconds: 1}
                """, connectionTimeout, operationTimeout);
        return RunPlan.of(ScenarioReader.read(yaml, "timeouts.yaml").scenario(), SchemaRegistry.builtin(),
                PlanOptions.defaults());
    }

    private static ConnectionChoice server(int port) {
        return new ConnectionChoice(false, null, "127.0.0.1", port, null, false, false,
                ConnectionChoice.PasswordSource.NONE, null);
    }

    @Test
    void connectionTimeoutBoundsTheConnectToAServerThatNeverAnswers() throws Exception {
        try (SilentServer silent = new SilentServer()) {
            for (double seconds : new double[] {1.0, 3.0}) {
                assertThatThrownBy(() -> SessionOpener.open(server(silent.port()), plan(seconds, 60), null).close())
                        .isInstanceOf(VstException.class).hasMessageContaining("timed out");
            }
            List<Double> held = silent.heldSeconds();
            assertThat(held).hasSize(2);
            assertThat(held.get(0)).isBetween(0.95, 2.0);
            assertThat(held.get(1)).isBetween(2.95, 4.5);
        }
    }

    @Test
    void operationTimeoutEndsACommandThatTakesLongerAndNotOneThatIsFaster() {
        ValkeyTestServer.requireBinary();
        try (SearchProxy proxy = SearchProxy.start()) {
            proxy.delayReplies("FT._LIST", Duration.ofMillis(1500));
            try (ServerSession session = SessionOpener.open(server(proxy.port()), plan(5, 0.4), null)) {
                long t0 = System.nanoTime();
                assertThatThrownBy(() -> session.client().command("FT._LIST")).isInstanceOf(VstException.class)
                        .hasMessageContaining("timed out");
                assertThat((System.nanoTime() - t0) / 1e9).isBetween(0.35, 1.4);
            }
            try (ServerSession session = SessionOpener.open(server(proxy.port()), plan(5, 5), null)) {
                long t0 = System.nanoTime();
                session.client().command("FT._LIST");
                assertThat((System.nanoTime() - t0) / 1e9).isGreaterThanOrEqualTo(1.5);
            }
        }
    }
}
