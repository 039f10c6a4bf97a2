package io.vst.rundir;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shard spelling {@code "I/N"}: the value of {@code vst run --shard} and of run.json's {@code options.shard},
 * shard I of N (counted from 0). The one reader of that spelling; it checks the form only, so each caller says
 * in its own words what is wrong with an index or count it cannot use ({@link #inRange}).
 *
 * <pre>{@code
 * ShardLabel.parse(" 2 / 4 ");                 // Optional[2/4]
 * ShardLabel.parse("0/1").get().isSharded();   // false: vst run stamps every ordinary run "0/1"
 * ShardLabel.parse("merged 3");                // Optional.empty: a merged run, not a shard spelling
 * }</pre>
 *
 * @param index the shard I, 0 or more
 * @param count the number of shards N, 0 or more
 */
public record ShardLabel(int index, int count) {

    /** Two decimal numbers of up to nine digits (so both fit an int) around a slash, blanks allowed. */
    private static final Pattern FORM = Pattern.compile("\\s*(\\d{1,9})\\s*/\\s*(\\d{1,9})\\s*");

    /**
     * @throws IllegalArgumentException when index or count is negative
     */
    public ShardLabel {
        if (index < 0 || count < 0) {
            throw new IllegalArgumentException("shard " + index + "/" + count);
        }
    }

    /** The index and count {@code text} spells; empty when it is not {@code I/N} (null included). */
    public static Optional<ShardLabel> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new ShardLabel(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))));
    }

    /** Whether this names one shard of a run: at least one shard, and the index below the count. */
    public boolean inRange() {
        return count >= 1 && index < count;
    }

    /** Whether more than one process ran the scenario together. */
    public boolean isSharded() {
        return count > 1;
    }

    /** {@code "I/N"}, as {@code vst run} writes it in run.json's {@code options.shard}. */
    @Override
    public String toString() {
        return index + "/" + count;
    }
}
