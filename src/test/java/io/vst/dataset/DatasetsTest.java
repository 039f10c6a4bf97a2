package io.vst.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vst.VstException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Name resolution: synthetic families, catalog entries (built-in and user), files, errors. */
class DatasetsTest {

    @TempDir
    Path dir;

    private DatasetCatalog catalog(String userYaml) throws Exception {
        if (userYaml != null) {
            Files.createDirectories(dir.resolve("config"));
            Files.writeString(dir.resolve("config/datasets.yaml"), userYaml);
        }
        return DatasetCatalog.load(new DatasetHome(dir.resolve("data"), dir.resolve("config")));
    }

    @Test
    void syntheticFamiliesResolveByPattern() throws Exception {
        DatasetCatalog c = catalog(null);
        try (VectorSource s = Datasets.open("synthetic-300-ip", c)) {
            assertThat(s.dimensions()).isEqualTo(300);
            assertThat(s.metric()).isEqualTo(Metric.IP);
        }
        try (VectorSource s = Datasets.open("synthetic-1536-cosine", c)) {
            assertThat(s.metric()).isEqualTo(Metric.COSINE);
            assertThat(s.size()).isEqualTo(Long.MAX_VALUE);
        }
        assertThatThrownBy(() -> Datasets.open("synthetic-0", c)).isInstanceOf(VstException.class)
                .hasMessageContaining("out of range");
    }

    @Test
    void builtInCatalogHasTheNamedEntries() throws Exception {
        DatasetCatalog c = catalog(null);
        for (String name : new String[] {"openai-100k", "openai-1m", "openai-5m", "sift-1m", "gist-1m", "glove-100-angular",
            "sift-128-euclidean", "gist-960-euclidean", "glove-25-angular", "glove-50-angular", "glove-200-angular",
            "nytimes-256-angular", "fashion-mnist-784-euclidean"}) {
            CatalogEntry e = c.find(name).orElseThrow();
            assertThat(e.dims()).as(name).isPositive();
            assertThat(e.vectors()).as(name).isPositive();
            assertThat(e.metric()).as(name).isNotNull();
        }
        assertThat(c.find("openai-5m").orElseThrow().dims()).isEqualTo(1536);
        assertThat(c.find("sift-1m").orElseThrow().groundTruthFile()).endsWith(".ivecs");
    }

    @Test
    void userCatalogAddsAndOverridesWithTexmexQueriesAndGroundTruth() throws Exception {
        Path fvecs = Path.of(getClass().getResource("/datasets/small.fvecs").toURI());
        Path ivecs = Path.of(getClass().getResource("/datasets/small.ivecs").toURI());
        DatasetCatalog c = catalog("datasets:\n"
                + "  sift-1m:\n    format: texmex\n    file: " + fvecs + "\n    query_file: " + fvecs
                + "\n    ground_truth_file: " + ivecs + "\n    metric: l2\n    dims: 8\n"
                + "  wrong-dims:\n    format: texmex\n    file: " + fvecs + "\n    dims: 16\n");
        assertThat(c.isUserEntry("sift-1m")).isTrue();
        assertThat(c.isUserEntry("gist-1m")).isFalse();
        try (VectorSource s = Datasets.open("sift-1m", c)) {
            assertThat(s.size()).isEqualTo(20);
            QuerySet q = s.queries().orElseThrow();
            assertThat(q.size()).isEqualTo(20);
            assertThat(q.groundTruth().orElseThrow().neighbors()[0]).containsExactly(19, 11, 3, 18, 10);
        }
        assertThatThrownBy(() -> Datasets.open("wrong-dims", c)).isInstanceOf(VstException.class)
                .hasMessageContaining("has 8 dimensions but the catalog says 16");
    }

    @Test
    void badUserCatalogsAreNamedErrors() throws Exception {
        assertThatThrownBy(() -> catalog("datasets:\n  x:\n    dimz: 3\n")).isInstanceOf(VstException.class)
                .hasMessageContaining("unknown key 'dimz'");
        assertThatThrownBy(() -> catalog("datasets:\n  x:\n    dims: many\n")).hasMessageContaining("must be a number");
        assertThatThrownBy(() -> catalog("datasets: [1, 2")).hasMessageContaining("not valid YAML");
        assertThatThrownBy(() -> catalog("sets: {}\n")).hasMessageContaining("top-level 'datasets:'");
        assertThatThrownBy(() -> catalog("datasets:\n  x:\n    metric: hamming\n")).hasMessageContaining("hamming");
    }

    @Test
    void unknownNamesAndMissingFilesSayWhatToDo() throws Exception {
        DatasetCatalog c = catalog(null);
        assertThatThrownBy(() -> Datasets.open("glove-100", c)).isInstanceOf(VstException.class)
                .hasMessageContaining("did you mean glove-100-angular")
                .satisfies(e -> assertThat(((VstException) e).hint()).contains("vst dataset list"));
        assertThatThrownBy(() -> Datasets.open("sift-128-euclidean", c))
                .hasMessageContaining(dir.resolve("data/sift-128-euclidean.hdf5").toString())
                .satisfies(e -> assertThat(((VstException) e).hint()).contains("vst dataset download sift-128-euclidean"));
        assertThatThrownBy(() -> Datasets.open("/no/such/file.npy", c)).hasMessageContaining("does not exist");
        Path txt = Files.writeString(dir.resolve("v.csv"), "1,2,3");
        assertThatThrownBy(() -> Datasets.open(txt.toString(), c)).hasMessageContaining("Unknown dataset file type");
    }

    @Test
    void metricNamesParseInEverySpelling() {
        assertThat(Metric.parse("Euclidean")).isEqualTo(Metric.L2);
        assertThat(Metric.parse("angular")).isEqualTo(Metric.COSINE);
        assertThat(Metric.parse("DOT")).isEqualTo(Metric.IP);
        assertThat(Metric.COSINE.serverName()).isEqualTo("COSINE");
        assertThatThrownBy(() -> Metric.parse("jaccard")).isInstanceOf(VstException.class);
        assertThat(Metric.IP.distance(new float[] {1, 2}, new float[] {3, 4})).isEqualTo(1f - 11f);
        assertThat(Metric.COSINE.distance(new float[] {1, 0}, new float[] {0, 2})).isEqualTo(1f);
    }
}
