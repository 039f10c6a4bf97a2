package io.vst.valkey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The recorded replies are kept in the repository; this checks the copy against the team's original. */
class FixtureCopyTest {

    private static final Path ORIGINAL = Path.of("../shared/fixtures/valkey-search");

    @Test
    void copyEqualsTheSharedOriginalWhenPresent() throws IOException {
        assumeTrue(Files.isDirectory(ORIGINAL), "no ../shared next to the repository");
        List<Path> originals;
        try (Stream<Path> s = Files.list(ORIGINAL)) {
            originals = s.sorted().toList();
        }
        assertThat(originals).isNotEmpty();
        for (Path o : originals) {
            Path copy = Fixture.DIR.resolve(o.getFileName().toString());
            assertThat(copy).exists();
            assertThat(Files.readAllBytes(copy)).as(o.getFileName().toString()).isEqualTo(Files.readAllBytes(o));
        }
    }
}
