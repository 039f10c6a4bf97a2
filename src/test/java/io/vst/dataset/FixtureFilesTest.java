package io.vst.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The committed fixtures (written by h5py/numpy, see make_fixtures.py) read back bit for bit. */
class FixtureFilesTest {

    static final int ROWS = 20;
    static final int DIMS = 8;

    static float value(int i, int j) {
        return (float) (((i * 131 + j * 71) % 1000) / 37.0 - 13.5);
    }

    static Path fixture(String name) throws URISyntaxException {
        return Path.of(FixtureFilesTest.class.getResource("/datasets/" + name).toURI());
    }

    private static void assertRowsBitExact(VectorSource src, int offset) {
        float[] v = new float[DIMS];
        for (int i = 0; i < src.size(); i++) {
            src.read(i, v);
            for (int j = 0; j < DIMS; j++) {
                assertThat(Float.floatToRawIntBits(v[j])).as("row %d col %d", i, j)
                        .isEqualTo(Float.floatToRawIntBits(value(i + offset, j)));
            }
        }
    }

    @Test
    void hdf5FixtureReadsTrainTestNeighborsAndAttributes() throws Exception {
        try (VectorSource src = Datasets.openFile(fixture("small.hdf5"), null)) {
            assertThat(src.size()).isEqualTo(ROWS);
            assertThat(src.dimensions()).isEqualTo(DIMS);
            assertThat(src.metric()).isEqualTo(Metric.L2);
            assertRowsBitExact(src, 0);
            QuerySet q = src.queries().orElseThrow();
            assertThat(q.size()).isEqualTo(3);
            float[] v = new float[DIMS];
            q.read(2, v);
            assertThat(Float.floatToRawIntBits(v[5])).isEqualTo(Float.floatToRawIntBits(value(502, 5)));
            GroundTruth gt = q.groundTruth().orElseThrow();
            assertThat(gt.k()).isEqualTo(5);
            assertThat(gt.neighbors()[0]).containsExactly(19, 11, 3, 18, 10);
            // stored as Euclidean 1.8346554 (ann-benchmarks), read as squared like valkey-search scores L2
            assertThat(gt.distances()[2][0]).isCloseTo(3.3659604f, org.assertj.core.data.Offset.offset(1e-5f));
        }
    }

    @Test
    void exactKnnReproducesTheFixtureGroundTruth() throws Exception {
        try (VectorSource src = Datasets.openFile(fixture("small.hdf5"), null)) {
            QuerySet q = src.queries().orElseThrow();
            float[][] qs = new float[q.size()][DIMS];
            for (int i = 0; i < qs.length; i++) {
                q.read(i, qs[i]);
            }
            Neighbors nn = ExactKnn.search(src, null, qs, 5, 2);
            GroundTruth gt = q.groundTruth().orElseThrow();
            for (int i = 0; i < qs.length; i++) {
                assertThat(nn.toGroundTruth().neighbors()[i]).containsExactly(gt.neighbors()[i]);
                for (int j = 0; j < 5; j++) {
                    assertThat(nn.distances()[i][j]).isCloseTo(gt.distances()[i][j],
                            org.assertj.core.data.Percentage.withPercentage(1e-4));
                }
            }
        }
    }

    @Test
    void fvecsFixtureReadsBitExactWithIvecsGroundTruth() throws Exception {
        try (VectorSource src = Datasets.openFile(fixture("small.fvecs"), Metric.L2)) {
            assertThat(src.size()).isEqualTo(ROWS);
            assertRowsBitExact(src, 0);
        }
        GroundTruth gt = TexmexReader.groundTruth(fixture("small.ivecs"));
        assertThat(gt.neighbors()[1]).containsExactly(4, 13, 12, 5, 3);
        assertThat(gt.distances()).isNull();
    }

    @Test
    void npyFixtureReadsBitExact() throws Exception {
        try (VectorSource src = Datasets.openFile(fixture("small.npy"), null)) {
            assertThat(src.size()).isEqualTo(ROWS);
            assertThat(src.dimensions()).isEqualTo(DIMS);
            assertRowsBitExact(src, 0);
            byte[] blob = new byte[DIMS * 4];
            src.readLittleEndian(3, blob);
            int bits = (blob[4] & 0xff) | (blob[5] & 0xff) << 8 | (blob[6] & 0xff) << 16 | (blob[7] & 0xff) << 24;
            assertThat(bits).isEqualTo(Float.floatToRawIntBits(value(3, 1)));
        }
    }

    @Test
    void normMaxIsTheLargestRowNorm() throws Exception {
        double expected = 0;
        for (int i = 0; i < ROWS; i++) {
            double s = 0;
            for (int j = 0; j < DIMS; j++) {
                s += (double) value(i, j) * value(i, j);
            }
            expected = Math.max(expected, Math.sqrt(s));
        }
        try (VectorSource src = Datasets.openFile(fixture("small.npy"), null)) {
            assertThat((double) src.normMax()).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-4));
        }
    }
}
