package io.vst.dataset;

import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A source larger than its base dataset (DESIGN §4): id {@code r < N} is base row r; beyond, with
 * {@code n = r / N} and {@code row = r % N}, the vector is {@code base[row] + V_n} where V_n has norm
 * {@code 1.5·n·NormMax} in a direction drawn from the seed. Each expansion is thus a shifted copy of
 * the dataset, farther from every other copy than any two vectors within one, so its neighbours
 * stay inside it and recall stays meaningful. Keys follow {@link VectorIds}.
 *
 * <pre>{@code
 * VectorSource big = new ExpandedSource(Datasets.open("openai-1m"), 3_000_000, 7);
 * big.read(2_000_123, v);     // row 123 shifted by V_2; key suffix "expand_2_123"
 * }</pre>
 */
public final class ExpandedSource implements VectorSource {

    /** The factor of DESIGN §4: ‖V_n‖ = 1.5·n·NormMax. */
    public static final double SHIFT = 1.5;

    private final VectorSource base;
    private final long size;
    private final long seed;
    private final long baseSize;
    private final float baseNormMax;
    private final ConcurrentHashMap<Long, float[]> shifts = new ConcurrentHashMap<>();

    public ExpandedSource(VectorSource base, long size, long seed) {
        if (size <= 0) {
            throw new IllegalArgumentException("size must be positive");
        }
        this.base = base;
        this.size = size;
        this.seed = seed;
        this.baseSize = base.size();
        this.baseNormMax = size > baseSize ? base.normMax() : 0f;
    }

    @Override
    public String name() {
        return base.name();
    }

    @Override
    public int dimensions() {
        return base.dimensions();
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public Metric metric() {
        return base.metric();
    }

    @Override
    public void read(long id, float[] into) {
        if (id < 0 || id >= size) {
            throw new IndexOutOfBoundsException("id " + id + " of " + size);
        }
        base.read(VectorIds.baseRow(id, baseSize), into);
        addShift(VectorIds.expansion(id, baseSize), into);
    }

    private void addShift(long n, float[] into) {
        if (n == 0) {
            return;
        }
        float[] s = shift(n);
        for (int i = 0; i < into.length; i++) {
            into[i] += s[i];
        }
    }

    /** V_n: a seeded random direction scaled to 1.5·n·NormMax. */
    public float[] shift(long n) {
        return shifts.computeIfAbsent(n, key -> {
            SplittableRandom rnd = new SplittableRandom(SyntheticSource.mix(seed * 31 + key));
            double[] dir = new double[dimensions()];
            double norm = 0;
            for (int i = 0; i < dir.length; i++) {
                dir[i] = rnd.nextGaussian();
                norm += dir[i] * dir[i];
            }
            double scale = SHIFT * key * baseNormMax / Math.sqrt(norm);
            float[] v = new float[dir.length];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) (dir[i] * scale);
            }
            return v;
        });
    }

    /** Upper bound (1 + 1.5·nMax)·NormMax, by the triangle inequality. */
    @Override
    public float normMax() {
        long maxN = (size - 1) / baseSize;
        return (float) ((1 + SHIFT * maxN) * base.normMax());
    }

    /** The base dataset's queries, unexpanded. */
    @Override
    public Optional<QuerySet> queries() {
        return base.queries();
    }

    /**
     * The base queries repeated for every expansion this source reaches: query {@code j} is base query
     * {@code j % Q} shifted by V_{j / Q} ({@code use_expanded_queries}).
     */
    public Optional<QuerySet> expandedQueries() {
        Optional<QuerySet> b = base.queries();
        if (b.isEmpty()) {
            return b;
        }
        QuerySet q = b.get();
        long copies = (size - 1) / baseSize + 1;
        int total = (int) Math.min(Integer.MAX_VALUE, copies * q.size());
        return Optional.of(new QuerySet() {
            @Override
            public int size() {
                return total;
            }

            @Override
            public int dimensions() {
                return q.dimensions();
            }

            @Override
            public void read(int row, float[] into) {
                q.read(row % q.size(), into);
                addShift(row / q.size(), into);
            }

            @Override
            public Optional<GroundTruth> groundTruth() {
                // the static ground truth covers the originals only; compute over the live set instead
                return Optional.empty();
            }
        });
    }

    @Override
    public void close() {
        base.close();
    }
}
