package io.vst.workload;

/**
 * The order in which ingest visits vector ids: from {@code start_index} upwards, or with {@code shuffle}
 * a seeded permutation ({@link Permutation}, O(1) memory) of each block of {@code domain} ids: the
 * dataset's rows, then each expansion block ({@code n·N + row}) in the same shuffled order. For an unbounded
 * (synthetic) source the domain is the span the step ingests. Immutable; any thread.
 *
 * <pre>
 * IdSequence order = new IdSequence(0, 20_000, true, 42);
 * order.idAt(0);        // some row in [0, 20000)
 * order.idAt(20_000);   // the same row's first expansion: 20000 + order.idAt(0)
 * </pre>
 */
public final class IdSequence {

    private final long offset;
    private final long start;
    private final long domain;
    private final Permutation permutation;
    /** Shard view: position p of this order is position {@code phase + stride·p} of the whole order. */
    private final long phase;
    private final long stride;

    /**
     * The order of an ingest from {@code startIndex}: over a dataset of {@code rows} rows, position
     * {@code startIndex} onwards of the (shuffled) rows; over an unbounded source ({@code rows} =
     * {@link Long#MAX_VALUE}) the ids {@code startIndex} to {@code startIndex + span - 1}, shuffled among
     * themselves, then on upwards.
     */
    public static IdSequence forIngest(long startIndex, long rows, long span, boolean shuffle, long seed) {
        if (rows == Long.MAX_VALUE) {
            return new IdSequence(Math.max(0, startIndex), 0, Math.max(1, span), shuffle, seed);
        }
        return new IdSequence(0, startIndex, rows, shuffle, seed);
    }

    /**
     * @param start first position ({@code start_index})
     * @param domain ids permuted together; at least 1
     * @param shuffle whether to permute
     * @param seed seed of the permutation
     */
    public IdSequence(long start, long domain, boolean shuffle, long seed) {
        this(0, start, domain, shuffle, seed);
    }

    private IdSequence(long offset, long start, long domain, boolean shuffle, long seed) {
        this.offset = offset;
        this.start = Math.max(0, start);
        this.domain = Math.max(1, domain);
        this.permutation = shuffle && this.domain > 1 ? new Permutation(this.domain, seed) : null;
        this.phase = 0;
        this.stride = 1;
    }

    private IdSequence(IdSequence whole, long phase, long stride) {
        this.offset = whole.offset;
        this.start = whole.start;
        this.domain = whole.domain;
        this.permutation = whole.permutation;
        this.phase = whole.phase + whole.stride * phase;
        this.stride = whole.stride * stride;
    }

    /**
     * The part of this order that shard {@code index} of {@code count} writes ({@code vst run --shard}): its
     * position p is position {@code index + count·p} of this order, so the shards' parts interleave and
     * together visit every position once. This order itself when {@code count} is 1.
     */
    public IdSequence shard(int index, int count) {
        if (index < 0 || count < 1 || index >= count) {
            throw new IllegalArgumentException("shard " + index + "/" + count);
        }
        return count == 1 ? this : new IdSequence(this, index, count);
    }

    /** The id at position {@code position} (0, 1, 2, ...) of the order. */
    public long idAt(long position) {
        long p = start + phase + stride * position;
        if (permutation == null) {
            return offset + p;
        }
        long block = p / domain;
        return offset + block * domain + permutation.apply(p % domain);
    }
}
