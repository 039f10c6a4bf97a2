package io.vst.report;

import static io.vst.testsupport.VstCli.vst;
import static org.assertj.core.api.Assertions.assertThat;

import io.vst.rundir.RunData;
import io.vst.rundir.RunDataReader;
import io.vst.rundir.RunOutcome;
import io.vst.testsupport.VstCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vst merge} refuses inputs that are not one complete sharded run: exit 2 and a message that says why. */
class MergeCliTest {

    @TempDir
    Path tmp;

    @Test
    void aDirectoryThatIsNoRunIsNamed() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        VstCli.Result r = merge(List.of(shard(0, 2, "g"), empty), tmp.resolve("out"));
        refused(r, empty + " is not a run directory: run.json is missing");
        VstCli.Result missing = merge(List.of(shard(0, 2, "g"), tmp.resolve("nope")), tmp.resolve("out"));
        refused(missing, "no run directory at " + tmp.resolve("nope"));
        assertThat(tmp.resolve("out")).doesNotExist();
    }

    @Test
    void aFolderHoldingOneRunStandsForItAndOneHoldingTwoIsRefused() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("shard-1"));
        ShardFixture.bare(folder.resolve("20261127T100000Z_sharded"), options("1/2", "g"), ShardFixture.SCENARIO,
                RunOutcome.COMPLETED);
        VstCli.Result ok = merge(List.of(shard(0, 2, "g"), folder), tmp.resolve("out"));
        assertThat(ok.code()).as(ok.err()).isZero();
        assertThat(RunDataReader.read(tmp.resolve("out")).info().options().get("merged_from")).asList()
                .contains(folder.resolve("20261127T100000Z_sharded").toAbsolutePath().toString());
        ShardFixture.bare(folder.resolve("20261127T110000Z_sharded"), options("1/2", "g"), ShardFixture.SCENARIO,
                RunOutcome.COMPLETED);
        refused(merge(List.of(shard(0, 2, "g"), folder), tmp.resolve("out2")), folder
                + " holds 2 run directories (20261127T100000Z_sharded, 20261127T110000Z_sharded)");
    }

    @Test
    void shardsOfAnotherGroupAreRefused() {
        Path a = shard(0, 2, "job-a");
        Path b = shard(1, 2, "job-b");
        refused(merge(List.of(a, b), tmp.resolve("out")), b + " belongs to shard group 'job-b' but " + a + " to 'job-a'");
    }

    @Test
    void shardsOfAnotherCountAreRefused() {
        Path a = shard(0, 2, "g");
        Path b = shard(1, 3, "g");
        refused(merge(List.of(a, b), tmp.resolve("out")), b + " is shard 1/3 but " + a + " is one of 2 shards");
    }

    @Test
    void aMissingShardIsNamed() {
        refused(merge(List.of(shard(0, 3, "g"), shard(2, 3, "g")), tmp.resolve("out")),
                "shard 1/3 is missing (given: 0, 2)");
    }

    @Test
    void aShardGivenTwiceIsNamed() {
        Path a = shard(1, 2, "g");
        Path b = ShardFixture.bare(tmp.resolve("other-1"), options("1/2", "g"), ShardFixture.SCENARIO,
                RunOutcome.COMPLETED);
        refused(merge(List.of(shard(0, 2, "g"), a, b), tmp.resolve("out")), "shard 1/2 is given twice: " + a + " and " + b);
        refused(merge(List.of(shard(0, 2, "g"), a, a), tmp.resolve("out2")), "shard 1/2 is given twice");
    }

    @Test
    void anotherScenarioIsRefused() {
        Path zero = shard(0, 2, "g");
        Path one = ShardFixture.bare(tmp.resolve("s1"), options("1/2", "g"), "name: other\n", RunOutcome.COMPLETED);
        refused(merge(List.of(one, zero), tmp.resolve("out")), one.resolve("scenario.yaml") + " differs from "
                + zero.resolve("scenario.yaml") + " (shard 0)");
    }

    @Test
    void aShardStillRunningIsRefused() {
        Path running = ShardFixture.bare(tmp.resolve("s1"), options("1/2", "g"), ShardFixture.SCENARIO,
                RunOutcome.RUNNING);
        refused(merge(List.of(shard(0, 2, "g"), running), tmp.resolve("out")), running + " is still running");
    }

    @Test
    void aShardSpecThatIsNotIOverNIsRefused() {
        Path bad = ShardFixture.bare(tmp.resolve("s1"), options("2/2", "g"), ShardFixture.SCENARIO,
                RunOutcome.COMPLETED);
        refused(merge(List.of(shard(0, 2, "g"), bad), tmp.resolve("out")), "options.shard is '2/2', not I/N");
        int n = 0;
        for (String spec : List.of("1/0", "merged 2", "99999999999/2", "1/99999999999", "1/2/3")) {
            Path other = ShardFixture.bare(tmp.resolve("bad" + n++), options(spec, "g"), ShardFixture.SCENARIO,
                    RunOutcome.COMPLETED);
            refused(merge(List.of(shard(0, 2, "g"), other), tmp.resolve("out")), "options.shard is '" + spec
                    + "', not I/N");
        }
    }

    @Test
    void aRunStampedZeroOfOneIsAPlainRun() {
        // vst run writes options.shard "0/1" for every run without --shard.
        Path a = ShardFixture.bare(tmp.resolve("a"), options("0/1", ""), ShardFixture.SCENARIO, RunOutcome.COMPLETED);
        Path b = ShardFixture.bare(tmp.resolve("b"), options("0/1", ""), ShardFixture.SCENARIO, RunOutcome.COMPLETED);
        refused(merge(List.of(a, b), tmp.resolve("out")), a + " is not a shard of a sharded run");
        VstCli.Result ok = vst("merge", a.toString(), b.toString(), "--allow-unsharded", "--output",
                tmp.resolve("out").toString());
        assertThat(ok.code()).as(ok.err()).isZero();
        assertThat(RunDataReader.read(tmp.resolve("out")).info().options()).containsEntry("shard", "merged 2");
    }

    @Test
    void anOutputThatHoldsFilesIsNeverWrittenOver() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("out"));
        Files.writeString(out.resolve("run.json"), "{}");
        refused(merge(List.of(shard(0, 2, "g"), shard(1, 2, "g")), out),
                "--output " + out + " already exists and is not an empty directory");
        assertThat(out.resolve("run.json")).hasContent("{}");
        assertThat(Files.list(out).count()).isEqualTo(1);
        Path empty = Files.createDirectories(tmp.resolve("empty-out"));
        VstCli.Result ok = merge(List.of(shard(0, 2, "g"), shard(1, 2, "g")), empty);
        assertThat(ok.code()).as(ok.err()).isZero();
        assertThat(empty.resolve("run.json")).isNotEmptyFile();
    }

    @Test
    void unshardedRunsNeedTheFlagAndThenCountInTheOrderGiven() {
        Path a = ShardFixture.bare(tmp.resolve("a"), Map.of("seed", 1), ShardFixture.SCENARIO, RunOutcome.COMPLETED);
        Path b = ShardFixture.bare(tmp.resolve("b"), Map.of("seed", 2), ShardFixture.SCENARIO, RunOutcome.INTERRUPTED);
        refused(merge(List.of(a, b), tmp.resolve("out")), a + " is not a shard of a sharded run");
        List<String> args = new ArrayList<>(List.of("merge", a.toString(), b.toString(), "--allow-unsharded",
                "--output", tmp.resolve("out").toString()));
        VstCli.Result ok = vst(args.toArray(String[]::new));
        assertThat(ok.code()).as(ok.err()).isZero();
        RunData merged = RunDataReader.read(tmp.resolve("out"));
        assertThat(merged.info().options()).containsEntry("shard", "merged 2").containsEntry("seed", 1);
        assertThat(merged.info().outcome()).isEqualTo(RunOutcome.INTERRUPTED);
    }

    @Test
    void helpSaysWhatIsMergedAndWhenPlainRunsAreAccepted() {
        VstCli.Result help = vst("merge", "--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("--shard I/N", "--allow-unsharded", "--output", "shard 0");
        VstCli.Result none = vst("merge", shard(0, 1, "g").toString());
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err()).contains("--output");
    }

    private Path shard(int index, int count, String group) {
        return ShardFixture.bare(tmp.resolve(group + "-" + index + "-of-" + count), options(index + "/" + count, group),
                ShardFixture.SCENARIO, RunOutcome.COMPLETED);
    }

    private static Map<String, Object> options(String shard, String group) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("shard", shard);
        m.put("shard_group", group);
        return m;
    }

    private static VstCli.Result merge(List<Path> inputs, Path out) {
        List<String> args = new ArrayList<>(List.of("merge"));
        inputs.forEach(p -> args.add(p.toString()));
        args.addAll(List.of("--output", out.toString()));
        return vst(args.toArray(String[]::new));
    }

    private static void refused(VstCli.Result r, String message) {
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.err()).contains("error: ").contains(message).contains("hint: ").doesNotContain("Exception")
                .doesNotContain("\tat ");
    }
}
