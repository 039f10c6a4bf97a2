package io.vst.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Which subcommands {@link Main} builds for a command line: the one it names, none for {@code --version},
 * all of them otherwise, so that help and errors still list every command.
 */
class SubcommandModelTest {

    private static final Set<String> ALL = Set.of("run", "scenario", "workload", "dataset", "report", "compare",
            "merge", "capacity", "info", "watch", "gui");

    private static Set<String> built(String... args) {
        PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        CommandLine cmd = Main.newCommandLine(sink, sink, args);
        return cmd.getSubcommands().keySet();
    }

    @Test
    void aCommandLineThatNamesASubcommandBuildsThatOneOnly() {
        assertThat(built("scenario", "validate", "--scenario", "quickstart")).containsExactly("scenario");
        assertThat(built("--log-level", "INFO", "run", "--dry-run")).containsExactly("run");
        assertThat(built("--log-level=INFO", "capacity", "dir")).containsExactly("capacity");
        assertThat(built("--version")).isEmpty();
        assertThat(built("-V")).isEmpty();
    }

    @Test
    void helpUnknownWordsAndTheWholeModelHaveEveryCommand() {
        assertThat(built("--help")).containsExactlyInAnyOrderElementsOf(ALL);
        assertThat(built()).containsExactlyInAnyOrderElementsOf(ALL);
        assertThat(built("forecast")).containsExactlyInAnyOrderElementsOf(ALL);
        assertThat(built("--version", "--help")).containsExactlyInAnyOrderElementsOf(ALL);
        assertThat(Main.newCommandLine(System.out, System.err).getSubcommands().keySet())
                .containsExactlyInAnyOrderElementsOf(ALL);
        // The scenario command's own subcommands are all there when it is the one named.
        assertThat(Main.newCommandLine(System.out, System.err, "scenario", "list").getSubcommands().get("scenario")
                .getSubcommands().keySet()).contains("validate", "list");
    }

    @Test
    void aSubcommandBuiltAloneRunsAsWithTheWholeModel() {
        ByteArrayOutputStream alone = new ByteArrayOutputStream();
        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        int a = Main.newCommandLine(new PrintStream(alone, true, StandardCharsets.UTF_8), err, "scenario", "list")
                .execute("scenario", "list");
        int w = Main.newCommandLine(new PrintStream(whole, true, StandardCharsets.UTF_8), err)
                .execute("scenario", "list");
        assertThat(a).isZero();
        assertThat(w).isZero();
        assertThat(alone.toString(StandardCharsets.UTF_8)).isEqualTo(whole.toString(StandardCharsets.UTF_8))
                .contains("quickstart");
    }
}
