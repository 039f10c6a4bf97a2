package io.vst.scenario.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.vst.VstException;
import io.vst.engine.PlanOptions;
import io.vst.engine.RunPlan;
import io.vst.scenario.schema.SchemaRegistry;
import io.vst.scenario.yaml.ParseResult;
import io.vst.scenario.yaml.ScenarioReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Mangled scenarios (lines dropped, duplicated or re-indented, characters replaced, text cut short) must
 * give diagnostics, never exceptions; the ones that still validate must plan. Seeded; the seed and the
 * failing text are in the assertion message.
 */
class ScenarioRobustnessTest {

    private static final long SEED = 20261127L;
    private static final int MUTATIONS_PER_SOURCE = 40;
    private static final String[] JUNK = {":", "-", " ", "\t", "[", "{", "}", "'", "\"", "#", "${loop_index}", "0",
        "-1", "1e309", "~", "&a", "*a", "!!str", "\n", "?", "|", ">", "type: loop", "steps:", "iterations: 3"};

    static List<String> sources() throws IOException {
        List<String> out = new ArrayList<>();
        for (String name : Scenarios.builtinNames()) {
            out.add(Scenarios.builtinText(name));
        }
        try (Stream<Path> files = Files.list(InvalidScenariosTest.DIR)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                out.add(Files.readString(p, StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    @Test
    void mangledScenariosNeverThrow() throws IOException {
        Random random = new Random(SEED);
        int planned = 0;
        int checked = 0;
        for (String source : sources()) {
            for (int i = 0; i < MUTATIONS_PER_SOURCE; i++) {
                String text = mutate(source, random);
                ParseResult r;
                try {
                    r = ScenarioReader.read(text, "m.yaml");
                    r = r.withMore(new ScenarioValidator(SchemaRegistry.builtin(), ValidationOptions.defaults())
                            .validate(r));
                } catch (RuntimeException e) {
                    throw new AssertionError("seed " + SEED + ", validating:\n" + text, e);
                }
                checked++;
                if (r.scenario() != null && !r.hasErrors()) {
                    try {
                        RunPlan.of(r.scenario(), SchemaRegistry.builtin(), PlanOptions.defaults()).flatten();
                        planned++;
                    } catch (VstException e) {
                        assertThat(e.kind()).isEqualTo(VstException.Kind.INVALID_INPUT);
                    } catch (RuntimeException e) {
                        throw new AssertionError("seed " + SEED + ", planning:\n" + text, e);
                    }
                }
            }
        }
        assertThat(checked).isGreaterThan(4000);
        assertThat(planned).as("some mutations stay valid and are planned").isGreaterThan(50);
    }

    private static String mutate(String text, Random random) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits && !lines.isEmpty(); e++) {
            int at = random.nextInt(lines.size());
            String line = lines.get(at);
            switch (random.nextInt(6)) {
                case 0 -> lines.remove(at);
                case 1 -> lines.add(at, line);
                case 2 -> lines.set(at, "  " + line);
                case 3 -> lines.set(at, line.length() > 2 ? line.substring(2) : line);
                case 4 -> {
                    int pos = line.isEmpty() ? 0 : random.nextInt(line.length());
                    lines.set(at, line.substring(0, pos) + JUNK[random.nextInt(JUNK.length)]
                            + line.substring(Math.min(line.length(), pos + 1)));
                }
                default -> {
                    return String.join("\n", lines.subList(0, at));
                }
            }
        }
        return String.join("\n", lines);
    }
}
