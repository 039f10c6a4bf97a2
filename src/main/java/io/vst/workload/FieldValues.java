package io.vst.workload;

import io.vst.VstException;
import io.vst.scenario.FieldSpec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Values of the extra TAG / NUMERIC attributes of the scenario's index ({@code index.fields}), written
 * beside each vector so filtered queries have something to filter. A value depends only on the vector's
 * id (and the field), so a rewrite produces the same value and a filter's true matches are known.
 *
 * <p>Sources: {@code row_mod:N} (id mod N; TAG values {@code t<k>}), {@code id} (the id itself),
 * {@code random} (seeded; TAG one of {@code tag0..tag9}, NUMERIC uniform in [0, 1000)),
 * {@code choice:a|b|c} (TAG, seeded by id) and {@code uniform:LO:HI} (NUMERIC, seeded by id).
 */
public final class FieldValues {

    private interface Generator {
        String value(long id);
    }

    private static final byte[][] NO_ARGUMENTS = new byte[0][];

    private final List<byte[]> names = new ArrayList<>();
    private final List<String> fieldNames = new ArrayList<>();
    private final List<Boolean> tags = new ArrayList<>();
    private final List<Generator> generators = new ArrayList<>();

    public FieldValues(List<FieldSpec> fields) {
        for (FieldSpec f : fields == null ? List.<FieldSpec>of() : fields) {
            names.add(f.name().getBytes(StandardCharsets.UTF_8));
            fieldNames.add(f.name());
            tags.add("TAG".equalsIgnoreCase(f.type()));
            generators.add(generator(f));
        }
    }

    /** Whether vst writes a field called {@code name}. */
    public boolean has(String name) {
        return fieldNames.contains(name);
    }

    /** Whether field {@code name} (one vst writes) is a TAG field; otherwise it is NUMERIC. */
    public boolean isTag(String name) {
        return tags.get(indexOf(name));
    }

    /** The value vector {@code id} holds in field {@code name} (one vst writes), as written. */
    public String value(String name, long id) {
        return generators.get(indexOf(name)).value(id);
    }

    private int indexOf(String name) {
        int i = fieldNames.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("no field " + name);
        }
        return i;
    }

    /** No extra fields. */
    public static FieldValues none() {
        return new FieldValues(List.of());
    }

    public boolean isEmpty() {
        return names.isEmpty();
    }

    /** The HSET arguments after the vector's for vector {@code id}: {@code field value ...}. */
    public byte[][] extraArguments(long id) {
        if (names.isEmpty()) {
            return NO_ARGUMENTS;
        }
        byte[][] out = new byte[2 * names.size()][];
        for (int i = 0; i < names.size(); i++) {
            out[2 * i] = names.get(i);
            out[2 * i + 1] = generators.get(i).value(id).getBytes(StandardCharsets.UTF_8);
        }
        return out;
    }

    /** The HSET arguments for vector {@code id}: {@code vector <bytes> field value ...}. */
    public byte[][] hsetArguments(long id, byte[] vectorField, byte[] vector) {
        byte[][] extra = extraArguments(id);
        byte[][] out = new byte[2 + extra.length][];
        out[0] = vectorField;
        out[1] = vector;
        System.arraycopy(extra, 0, out, 2, extra.length);
        return out;
    }

    private static Generator generator(FieldSpec f) {
        boolean tag = "TAG".equalsIgnoreCase(f.type());
        String src = f.source() == null ? "random" : f.source().trim();
        long salt = f.name().hashCode() * 0x9E3779B97F4A7C15L;
        if (src.equals("id")) {
            return Long::toString;
        }
        if (src.equals("random")) {
            return tag ? id -> "tag" + new SplittableRandom(id ^ salt).nextInt(10)
                    : id -> fmt(new SplittableRandom(id ^ salt).nextDouble(0, 1000));
        }
        if (src.startsWith("row_mod:")) {
            long n = parsePositive(src.substring(8), f);
            return tag ? id -> "t" + (id % n) : id -> Long.toString(id % n);
        }
        if (src.startsWith("choice:") && tag) {
            String[] choices = src.substring(7).split("\\|");
            return id -> choices[new SplittableRandom(id ^ salt).nextInt(choices.length)];
        }
        if (src.startsWith("uniform:") && !tag) {
            String[] parts = src.substring(8).split(":");
            if (parts.length == 2) {
                double lo = Double.parseDouble(parts[0]);
                double hi = Double.parseDouble(parts[1]);
                if (hi > lo) {
                    return id -> fmt(new SplittableRandom(id ^ salt).nextDouble(lo, hi));
                }
            }
        }
        throw VstException.invalidInput("index field '" + f.name() + "' (" + f.type() + "): unknown source '" + src
                + "'", "use row_mod:N, id, random, choice:a|b|c (TAG) or uniform:LO:HI (NUMERIC)");
    }

    private static long parsePositive(String s, FieldSpec f) {
        try {
            long n = Long.parseLong(s.trim());
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            throw VstException.invalidInput("index field '" + f.name() + "': row_mod needs a positive whole number, got '"
                    + s + "'", "e.g. source: row_mod:10");
        }
        throw VstException.invalidInput("index field '" + f.name() + "': row_mod needs a positive whole number, got '"
                + s + "'", "e.g. source: row_mod:10");
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
