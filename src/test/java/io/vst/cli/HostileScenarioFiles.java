package io.vst.cli;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Writes the hostile scenario files of {@link HostileInputTest}: deep nesting, aliases, oversized files
 * and values, bytes that are not UTF-8 text, bad datasets, and steps the validator must refuse. Each
 * file comes with the line:col its first error must point at ({@code null} when only the file is named).
 */
final class HostileScenarioFiles {

    /** One file and where its error must be reported. */
    record HostileFile(String name, Path file, String where) {
    }

    private static final String HEAD = "name: hostile\ndataset: synthetic-16\nsteps:\n";
    private static final String INGEST = "  - name: load\n    type: workload\n    workload: ingest\n"
            + "    parameters:\n      target_vectors: 10\n";

    private final Path dir;
    private final List<HostileFile> files = new ArrayList<>();
    private final Random random = new Random(20261201L);

    HostileScenarioFiles(Path dir) {
        this.dir = dir;
    }

    List<HostileFile> all() throws IOException {
        nesting();
        aliases();
        sizes();
        encodings();
        datasets();
        steps();
        return files;
    }

    private void nesting() throws IOException {
        for (int n : new int[] {65, 100, 1_000, 10_000, 100_000}) {
            text("flow_list_" + n, "name: x\nsteps: " + "[".repeat(n) + "\n", "2:71");
            text("flow_map_" + n, "name: x\nsteps: " + "{a: ".repeat(n) + "\n", null);
            text("flow_mixed_" + n, "name: x\nsteps: " + "[{a: ".repeat(n / 2 + 1) + "\n", null);
        }
        for (int n : new int[] {65, 1_000, 10_000}) {
            text("dash_line_" + n, "name: x\nsteps:\n" + "- ".repeat(n) + "a\n", null);
            StringBuilder block = new StringBuilder("name: x\nmetadata:\n");
            StringBuilder lists = new StringBuilder("name: x\nmetadata:\n");
            for (int i = 0; i < n && i < 2_000; i++) {
                block.append(" ".repeat(i + 1)).append("k").append(i).append(":\n");
                lists.append(" ".repeat(i + 1)).append("-\n");
            }
            text("block_maps_" + n, block.append(" ".repeat(Math.min(n, 2_000) + 1)).append("v: 1\n").toString(),
                    null);
            text("block_lists_" + n, lists.toString(), null);
        }
        text("nested_in_parameters", HEAD + INGEST + "      extra: " + "[".repeat(200) + "]".repeat(200) + "\n",
                "9:74");
        text("flow_after_comment", "# [[[[\nname: x\nsteps: " + "{".repeat(70) + "\n", "3:71");
    }

    private void aliases() throws IOException {
        text("alias_recursive_list", "name: x\nsteps: &a [*a]\n", "2:12");
        text("alias_recursive_map", "name: x\nmetadata: &m {self: *m}\nsteps: []\n", "2:21");
        text("alias_recursive_deep", "name: x\nmetadata: &m\n  a:\n    b:\n      - c: *m\nsteps: []\n", "5:12");
        text("alias_recursive_merge", "name: x\nmetadata: &m\n  <<: *m\nsteps: []\n", "3:7");
        text("alias_recursive_steps", "name: x\nsteps: &s\n  - name: a\n    type: loop\n    steps: *s\n", "5:12");
        StringBuilder laughs = new StringBuilder("name: x\nmetadata:\n  l0: &l0 [lol, lol, lol, lol, lol, lol, "
                + "lol, lol, lol]\n");
        for (int i = 1; i < 9; i++) {
            laughs.append("  l").append(i).append(": &l").append(i).append(" [")
                    .append(("*l" + (i - 1) + ", ").repeat(8)).append("*l").append(i - 1).append("]\n");
        }
        text("alias_billion_laughs", laughs + "steps: []\n", null);
        for (int n : new int[] {51, 1_000}) {
            StringBuilder many = new StringBuilder("name: x\nmetadata:\n  base: &b {k: 1}\n  list:\n");
            for (int i = 0; i < n; i++) {
                many.append("    - *b\n");
            }
            text("alias_count_" + n, many + "steps: []\n", "55:7");
        }
        text("alias_undefined", "name: x\nsteps: *nothing\n", "2:8");
    }

    private void sizes() throws IOException {
        Path sparse = dir.resolve("size_50mb_sparse.yaml");
        try (RandomAccessFile f = new RandomAccessFile(sparse.toFile(), "rw")) {
            f.setLength(50L << 20);
        }
        files.add(new HostileFile("size_50mb_sparse", sparse, "1:1"));
        StringBuilder big = new StringBuilder(HEAD);
        while (big.length() < (3 << 20)) {
            big.append("# padding padding padding padding padding padding padding padding padding padding\n");
        }
        text("size_3mb_comments", big.toString(), "1:1");
        text("long_name_100k", "name: \"" + "n".repeat(100_000) + "\"\nsteps: []\n", "1:7");
        text("long_key_70k", "name: x\n" + "k".repeat(70_000) + ": 1\nsteps: []\n", null);
        text("long_description_1m", "name: x\ndescription: '" + "d ".repeat(500_000) + "'\nsteps: []\n", "2:14");
        text("long_plain_scalar", "name: x\nmetadata:\n  v: " + "p".repeat(65_537) + "\nsteps: []\n", "3:6");
        text("long_block_scalar", "name: x\ndescription: |\n" + ("  " + "b".repeat(99) + "\n").repeat(700)
                + "steps: []\n", "2:14");
        text("long_scenario_name_300", HEAD.replace("hostile", "n".repeat(300)) + INGEST, "1:7");
    }

    private void encodings() throws IOException {
        String yaml = HEAD + INGEST;
        bytes("utf16le_bom", concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, yaml.getBytes(StandardCharsets.UTF_16LE)),
                "1:1");
        bytes("utf16be_bom", concat(new byte[] {(byte) 0xFE, (byte) 0xFF}, yaml.getBytes(StandardCharsets.UTF_16BE)),
                "1:1");
        bytes("utf16le_no_bom", yaml.getBytes(StandardCharsets.UTF_16LE), "1:1");
        bytes("utf16be_no_bom", yaml.getBytes(StandardCharsets.UTF_16BE), "1:1");
        bytes("utf32le_bom", concat(new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 0}, yaml.getBytes(StandardCharsets.UTF_8)),
                "1:1");
        for (int i = 0; i < 5; i++) {
            byte[] junk = new byte[1 << (8 + 2 * i)];
            random.nextBytes(junk);
            junk[0] = (byte) 0x8F; // a continuation byte can never start UTF-8 text
            bytes("binary_random_" + junk.length, junk, "1:1");
        }
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13};
        bytes("binary_png_header", png, "1:1");
        byte[] text = yaml.getBytes(StandardCharsets.UTF_8);
        int line3 = yaml.indexOf("steps:");
        bytes("invalid_utf8_ff", splice(text, line3, new byte[] {(byte) 0xFF}), "3:1");
        bytes("invalid_utf8_truncated", splice(text, line3, new byte[] {(byte) 0xE2, (byte) 0x82}), "3:1");
        bytes("invalid_utf8_overlong", splice(text, line3, new byte[] {(byte) 0xC0, (byte) 0xAF}), "3:1");
        bytes("invalid_utf8_surrogate", splice(text, line3, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}),
                "3:1");
        bytes("latin1_e_acute", ("name: caf\u00e9\n" + yaml).getBytes(StandardCharsets.ISO_8859_1), "1:10");
        bytes("nul_byte_inside", splice(text, line3, new byte[] {0}), "3:1");
        bytes("invalid_utf8_at_end", concat(text, new byte[] {(byte) 0xF0, (byte) 0x9F}), null);
    }

    private void datasets() throws IOException {
        Path junk = dir.resolve("junk.fvecs");
        byte[] noise = new byte[4096];
        random.nextBytes(noise);
        Files.write(junk, noise);
        Path empty = Files.write(dir.resolve("empty.fvecs"), new byte[0]);
        Path textHdf5 = Files.writeString(dir.resolve("text.hdf5"), "this is not HDF5\n");
        Path npy = Files.write(dir.resolve("truncated.npy"), new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1});
        Path unknownType = Files.writeString(dir.resolve("vectors.csv"), "1,2,3\n");
        String[][] names = {{"unknown_name", "no-such-dataset"}, {"typo_name", "synthetic-128x"},
            {"synthetic_zero", "synthetic-0"}, {"synthetic_too_big", "synthetic-99999"},
            {"missing_fvecs", dir.resolve("missing.fvecs").toString()},
            {"missing_hdf5", dir.resolve("missing.hdf5").toString()}, {"corrupt_fvecs", junk.toString()},
            {"empty_fvecs", empty.toString()}, {"text_as_hdf5", textHdf5.toString()}, {"truncated_npy", npy.toString()},
            {"unknown_file_type", unknownType.toString()}};
        for (String[] n : names) {
            text("dataset_" + n[0], "name: d\ndataset: " + n[1] + "\nsteps:\n" + INGEST, "2:10");
        }
        text("dataset_dims_mismatch", "name: d\ndataset: synthetic-16\nindex:\n  dimensions: 64\nsteps:\n" + INGEST,
                "4:15");
        text("dataset_step_unknown", HEAD + INGEST + "    dataset: nope-nope\n", "9:14");
        text("dataset_step_dims_mismatch", HEAD + INGEST.replace("    parameters:",
                "    index:\n      dimensions: 32\n    parameters:"), "8:19");
        text("dataset_parameter_unknown", HEAD + INGEST + "      dataset: nope-nope\n", "9:16");
    }

    private void steps() throws IOException {
        text("placeholder_typo", "name: x\ndataset: synthetic-16\nsteps:\n  - name: loop\n    type: loop\n"
                + "    iterations: 2\n    steps:\n      - name: load_${loop_idx}\n        type: workload\n"
                + "        workload: ingest\n        parameters:\n          target_vectors: 10\n", "8:15");
        text("placeholder_upper", HEAD + INGEST.replace("name: load", "name: load_${LOOP_INDEX}"), "4:11");
        text("placeholder_env", HEAD + INGEST.replace("target_vectors: 10", "target_vectors: ${N}"), "8:23");
        StringBuilder parallel = new StringBuilder(HEAD + "  - name: fan\n    type: parallel\n    steps:\n");
        for (int i = 0; i < 5_000; i++) {
            parallel.append("      - name: w").append(i).append("\n        type: wait\n        duration_seconds: 1\n");
        }
        text("parallel_5000_children", parallel.toString(), "6:5");
        StringBuilder nested = new StringBuilder(HEAD + "  - name: outer\n    type: parallel\n    steps:\n");
        for (int i = 0; i < 9; i++) {
            nested.append("      - name: inner").append(i).append("\n        type: parallel\n        steps:\n");
            for (int j = 0; j < 9; j++) {
                nested.append("          - name: w").append(i).append('_').append(j)
                        .append("\n            type: wait\n            duration_seconds: 1\n");
            }
        }
        text("parallel_nested_81", nested.toString(), "6:5");
    }

    private void text(String name, String content, String where) throws IOException {
        Path f = dir.resolve(name + ".yaml");
        Files.writeString(f, content, StandardCharsets.UTF_8);
        files.add(new HostileFile(name, f, where));
    }

    private void bytes(String name, byte[] content, String where) throws IOException {
        Path f = dir.resolve(name + ".yaml");
        Files.write(f, content);
        files.add(new HostileFile(name, f, where));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] splice(byte[] text, int at, byte[] insert) {
        byte[] out = new byte[text.length + insert.length];
        System.arraycopy(text, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(text, at, out, at + insert.length, text.length - at);
        return out;
    }
}
