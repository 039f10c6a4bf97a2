package io.vst.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vst.VstException;
import io.vst.scenario.Parameters;
import io.vst.workload.IdSequence;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code --shard I/N}: its forms, the shares of counts and rates, and the interleaved id order. */
class ShardSpecTest {

    @Test
    void sharesOfEveryCountSumToTheCountAndDifferByAtMostOne() {
        for (int n = 1; n <= 7; n++) {
            for (long x = 0; x <= 50; x++) {
                long sum = 0;
                long min = Long.MAX_VALUE;
                long max = Long.MIN_VALUE;
                for (int i = 0; i < n; i++) {
                    long part = ShardSpec.parse(i + "/" + n, "g", 600).share(x);
                    sum += part;
                    min = Math.min(min, part);
                    max = Math.max(max, part);
                }
                assertThat(sum).as("sum of shares of %d over %d shards", x, n).isEqualTo(x);
                assertThat(max - min).isLessThanOrEqualTo(1);
            }
        }
        assertThat(ShardSpec.parse("0/3", "g", 600).share(10)).isEqualTo(4);
        assertThat(ShardSpec.parse("2/3", "g", 600).share(10)).isEqualTo(3);
    }

    @Test
    void shardOrdersInterleaveAndTogetherVisitTheWholeOrderOnce() {
        IdSequence whole = IdSequence.forIngest(5, 1000, 1000, true, 7);
        int n = 3;
        List<Long> merged = new ArrayList<>();
        for (long p = 0; p < 900; p++) {
            merged.add(whole.idAt(p));
        }
        Set<Long> union = new HashSet<>();
        for (int i = 0; i < n; i++) {
            IdSequence part = whole.shard(i, n);
            for (long q = 0; q < 300; q++) {
                // position q of shard i is position i + n·q of the whole order
                assertThat(part.idAt(q)).isEqualTo(merged.get((int) (i + n * q)));
                assertThat(union.add(part.idAt(q))).as("id written by two shards").isTrue();
            }
        }
        assertThat(union).containsExactlyInAnyOrderElementsOf(merged);
        assertThat(whole.shard(0, 1)).isSameAs(whole);
    }

    @Test
    void parametersSplitCountsAndRatesAndTurnRecallOff() {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("update_vectors", 10L);
        v.put("max_vectors", 1000L);
        v.put("queries_per_second", 300.0);
        v.put("target_ops_per_second", 90.0);
        v.put("verify_results", true);
        v.put("query_k", 10L);
        v.put("target_vectors", 100L);
        Parameters p = new Parameters(v, Map.of());
        Parameters s = ShardSpec.parse("0/3", "g", 600).split(p);
        assertThat(s.getLong("update_vectors", -1)).isEqualTo(4);
        assertThat(s.getLong("max_vectors", -1)).isEqualTo(334);
        assertThat(s.getDouble("queries_per_second", -1)).isEqualTo(100.0);
        assertThat(s.getDouble("target_ops_per_second", -1)).isEqualTo(30.0);
        assertThat(s.getBool("verify_results", true)).isFalse();
        // the workloads split target_vectors themselves: they need the whole target for the id order's span
        assertThat(s.getLong("target_vectors", -1)).isEqualTo(100);
        assertThat(s.getLong("query_k", -1)).isEqualTo(10);
        assertThat(ShardSpec.parse("0/1", null, 600).split(p)).isSameAs(p);
    }

    @Test
    void badFormsNameTheOptionAndSayWhatToGive() {
        assertThat(message("3/3", "g")).isEqualTo("--shard 3/3: the index must be below the count (0..2)");
        assertThat(message("1/0", "g")).isEqualTo("--shard 1/0: the count must be 1 to 1024");
        assertThat(message("0/1025", "g")).isEqualTo("--shard 0/1025: the count must be 1 to 1024");
        assertThat(message("two/3", "g")).isEqualTo("--shard two/3: expected INDEX/COUNT");
        assertThat(message("-1/3", "g")).isEqualTo("--shard -1/3: expected INDEX/COUNT");
        assertThat(message("1/3", null)).isEqualTo("--shard 1/3 needs --shard-group NAME (or VST_SHARD_GROUP)");
        assertThat(message("1/3", "a b")).startsWith("--shard-group a b:");
        assertThatThrownBy(() -> ShardSpec.parse("0/2", "g", 0)).hasMessageStartingWith("--shard-wait 0.0:");
        ShardSpec ordinary = ShardSpec.parse("0/1", null, 600);
        assertThat(ordinary.sharded()).isFalse();
        assertThat(ordinary.samplesServer()).isTrue();
        assertThat(ShardSpec.parse(" 2 / 4 ", "g", 600).label()).isEqualTo("2/4");
    }

    @Test
    void plansAShardCannotDoItsPartOfAreRefusedBeforeTheRun() {
        String head = "name: t\ndataset: synthetic-8\n";
        String ingest = "steps:\n  - name: load\n    type: workload\n    workload: ingest\n"
                + "    parameters: {target_vectors: 30}\n";
        ShardSpec three = ShardSpec.parse("1/3", "g", 600);
        three.check(EngineHarness.plan(head + ingest));
        ShardSpec.single().check(EngineHarness.plan(head + "index:\n  recreate_index: false\n" + ingest));
        assertThatThrownBy(() -> three.check(EngineHarness.plan(head + "index:\n  recreate_index: false\n" + ingest)))
                .hasMessageContaining("index.recreate_index: false");
        assertThatThrownBy(() -> three.check(EngineHarness.plan(head + ingest.replace("    parameters",
                "    max_operations: 2\n    parameters")))).hasMessage("--shard 1/3: step 'load' limits itself to 2,"
                        + " fewer than the 3 shards, so some shard would have no share");
        String conditional = head + "steps:\n  - name: maybe\n    type: conditional\n"
                + "    condition: {metric: live_vectors, operator: greater_than, value: 10}\n    if_true:\n"
                + "      - {name: pause, type: wait, parameters: {duration_seconds: 1}}\n";
        assertThatThrownBy(() -> three.check(EngineHarness.plan(conditional)))
                .hasMessageStartingWith("--shard 1/3: step 'maybe' is conditional");
    }

    private static String message(String shard, String group) {
        try {
            ShardSpec.parse(shard, group, 600);
        } catch (VstException e) {
            assertThat(e.kind()).isEqualTo(VstException.Kind.INVALID_INPUT);
            assertThat(e.hint()).isNotBlank();
            return e.getMessage();
        }
        throw new AssertionError("--shard " + shard + " was accepted");
    }
}
