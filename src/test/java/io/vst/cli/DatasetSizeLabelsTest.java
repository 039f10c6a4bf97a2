package io.vst.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code vst dataset} sizes divide by 1024, so their labels are the binary KiB / MiB / GiB. */
class DatasetSizeLabelsTest {

    @Test
    void binaryDivisorsCarryBinaryLabels() {
        assertThat(DatasetCommand.bytes(1536)).isEqualTo("1.50 KiB");                  // 1536 / 1024
        assertThat(DatasetCommand.bytes(5L * 1024 * 1024 + 512 * 1024)).isEqualTo("5.50 MiB");
        assertThat(DatasetCommand.bytes(3L << 30)).isEqualTo("3.00 GiB");
        assertThat(DatasetCommand.bytes(1000)).isEqualTo("1000 B");
    }
}
