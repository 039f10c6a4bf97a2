package io.vst.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.vst.dataset.LiveSet;
import io.vst.dataset.Metric;
import io.vst.dataset.SyntheticSource;
import io.vst.rundir.RunOutcome;
import io.vst.scenario.Parameters;
import io.vst.testsupport.ValkeyTestServer;
import io.vst.valkey.ValkeyClient;
import io.vst.workload.FieldValues;
import io.vst.workload.KeySpace;
import io.vst.workload.LiveVectors;
import io.vst.workload.StopSignal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The warm-up before a large ingest runs the step's write path against an in-process sink: the server under
 * test sees none of it (its own command counts and DBSIZE hold exactly the step's writes), the run's live set
 * is not touched, and every vector the warm-up wrote was answered by the sink.
 */
@Timeout(120)
class JitWarmupTest {

    private static final String SCENARIO = """
            name: warm
            dataset: synthetic-16
            global_config: {n_threads: 2, n_clients: 4, batch_size: 100}
            steps:
              - name: load
                type: workload
                workload: ingest
                parameters: {target_vectors: 60000}
            """;

    @TempDir
    Path out;

    @Test
    void theServerSeesOnlyTheStepsWritesAndTheLogSaysWhatTheWarmUpDid() throws Exception {
        JitWarmup.rearm();
        try (ValkeyTestServer server = ValkeyTestServer.start();
                ValkeyClient admin = ValkeyClient.connect(server.endpoint(), 1)) {
            RunResult r = EngineHarness.run(SCENARIO, server.endpoint(), server.pid(), out);
            assertThat(r.outcome()).isEqualTo(RunOutcome.COMPLETED);
            // The server's own counts: the 60,000 writes of the step, and not one of the warm-up's.
            assertThat(CommandStats.calls(admin, "hset")).isEqualTo(60_000);
            assertThat(admin.dbSize()).isEqualTo(60_000);
            assertThat(r.steps().get(0).operations()).isEqualTo(60_000);
            String log = Files.readString(r.directory().resolve("vst.log"));
            Matcher m = Pattern.compile("warm-up: the write path of step load ran ([\\d,]+) vectors against an "
                    + "in-process sink \\(nothing sent to the server\\)").matcher(log);
            assertThat(m.find()).as(log).isTrue();
            assertThat(Long.parseLong(m.group(1).replace(",", ""))).isPositive();
        }
    }

    @Test
    void everyWarmUpVectorIsAnsweredByTheSinkAndTheRunsLiveSetStaysEmpty() {
        PlannedStep load = EngineHarness.plan(SCENARIO).flatten().get(0);
        LiveSet live = new LiveSet(7);
        LiveVectors vectors = new LiveVectors(SyntheticSource.unbounded(16, Metric.L2, 42), live,
                new KeySpace("vec:", Long.MAX_VALUE), 7, FieldValues.none());
        JitWarmup.Outcome o = JitWarmup.run(load, vectors, StopSignal.root(), 1.0);
        assertThat(o.vectors()).isPositive();
        // The sink counted the HSETs it answered, apart from the live set that counted the acknowledgements.
        assertThat(o.commandsAnswered()).isEqualTo(o.vectors());
        assertThat(o.rounds()).isGreaterThanOrEqualTo(1);
        assertThat(live.size()).isZero();
    }

    @Test
    void aThousandClientsStepWarmsUpOnAtMostSixtyFourConnections() {
        PlannedStep load = EngineHarness.plan(SCENARIO.replace("n_threads: 2, n_clients: 4", "n_threads: 4, n_clients: 1000"))
                .flatten().get(0);
        LiveVectors vectors = new LiveVectors(SyntheticSource.unbounded(16, Metric.L2, 42), new LiveSet(7),
                new KeySpace("vec:", Long.MAX_VALUE), 7, FieldValues.none());
        JitWarmup.Outcome o = JitWarmup.run(load, vectors, StopSignal.root(), 1.0);
        // Counted by the sink, which accepts every connection the warm-up opens; each round opens its own.
        assertThat(o.connections()).isBetween(4 * o.rounds(), JitWarmup.MAX_CONNECTIONS * o.rounds());
        assertThat(o.commandsAnswered()).isEqualTo(o.vectors()).isPositive();
    }

    /**
     * Every round connects anew, as the step will: a socket's first read takes a branch (switching it to
     * non-blocking) that connections kept for the whole warm-up took only before the JIT profiled it, and
     * the compiled read path was thrown away when the step's new connections first read.
     */
    @Test
    void everyRoundOpensTheStepsConnectionsAnew() {
        PlannedStep load = EngineHarness.plan(SCENARIO).flatten().get(0);
        LiveVectors vectors = new LiveVectors(SyntheticSource.unbounded(16, Metric.L2, 42), new LiveSet(7),
                new KeySpace("vec:", Long.MAX_VALUE), 7, FieldValues.none());
        JitWarmup.Outcome o = JitWarmup.run(load, vectors, StopSignal.root(), 1.0);
        assertThat(o.rounds()).isGreaterThanOrEqualTo(2);
        // n_clients 4: four connections per round. The sink counts a connection when it accepts it, which can
        // come after the round for one the round opened but had no batch left for; kept ones would give 4.
        assertThat(o.connections()).isGreaterThan(3 * o.rounds()).isLessThanOrEqualTo(4 * o.rounds());
    }

    /**
     * Rounds take the step's first and last ids in turn, and rounds 2 and 3 of every 4 send batches of a tenth of
     * the step's size, so that the per-batch calls are compiled before the step at 1536-d too.
     */
    @Test
    void roundsTakeTheStepsFirstAndLastIdsAndEveryOtherPairSendsATenthOfItsBatch() {
        Parameters p = EngineHarness.plan(SCENARIO).flatten().get(0).parameters();
        List<String> seen = new ArrayList<>();
        for (int round = 0; round < 8; round++) {
            Parameters at = JitWarmup.roundParameters(p, round, 7, 90_000, 100);
            seen.add(at.getLong("start_index", -1) + "/" + at.getInt("batch_size", -1));
        }
        assertThat(seen).containsExactly("7/-1", "90000/-1", "7/10", "90000/10", "7/-1", "90000/-1", "7/10",
                "90000/10");
        assertThat(JitWarmup.roundParameters(p, 2, 0, 0, 5).getInt("batch_size", -1)).isEqualTo(1);
        assertThat(JitWarmup.roundParameters(p, 3, 0, 0, 1000).getInt("batch_size", -1)).isEqualTo(100);
    }

    @Test
    void aStoppedRunEndsTheWarmUpAtOnce() {
        PlannedStep load = EngineHarness.plan(SCENARIO).flatten().get(0);
        LiveVectors vectors = new LiveVectors(SyntheticSource.unbounded(16, Metric.L2, 42), new LiveSet(7),
                new KeySpace("vec:", Long.MAX_VALUE), 7, FieldValues.none());
        StopSignal stop = StopSignal.root();
        stop.stop("Ctrl-C");
        JitWarmup.Outcome o = JitWarmup.run(load, vectors, stop, 1.0);
        assertThat(o.vectors()).isZero();
        assertThat(o.commandsAnswered()).isZero();
    }
}
