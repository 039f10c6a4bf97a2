package io.vst.rundir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The one reader of the shard spelling "I/N": what it accepts, what it reads, and what it leaves empty. */
class ShardLabelTest {

    @Test
    void readsIndexAndCountWithBlanksAroundTheNumbers() {
        assertThat(ShardLabel.parse("0/3")).contains(new ShardLabel(0, 3));
        assertThat(ShardLabel.parse(" 2 / 4 ")).contains(new ShardLabel(2, 4));
        assertThat(ShardLabel.parse("\t7/1024\n")).contains(new ShardLabel(7, 1024));
        assertThat(ShardLabel.parse("007/010")).contains(new ShardLabel(7, 10));
        assertThat(ShardLabel.parse("999999999/999999999")).contains(new ShardLabel(999_999_999, 999_999_999));
    }

    @Test
    void anythingElseIsNoShardSpelling() {
        List<String> others = List.of("", " ", "3", "/3", "3/", "a/3", "1/b", "-1/3", "1/-3", "1/3/5", "1.0/3",
                "+1/3", "1 /3x", "merged 3", "null", "１/３", "1234567890/3", "1/1234567890", "99999999999/3");
        for (String text : others) {
            assertThat(ShardLabel.parse(text)).as("'%s'", text).isEqualTo(Optional.empty());
        }
        assertThat(ShardLabel.parse(null)).isEmpty();
    }

    @Test
    void inRangeNeedsAShardAndAnIndexBelowTheCount() {
        assertThat(new ShardLabel(0, 1).inRange()).isTrue();
        assertThat(new ShardLabel(2, 3).inRange()).isTrue();
        assertThat(new ShardLabel(3, 3).inRange()).isFalse();
        assertThat(new ShardLabel(5, 2).inRange()).isFalse();
        assertThat(new ShardLabel(0, 0).inRange()).isFalse();
    }

    @Test
    void onlyACountAboveOneIsSharded() {
        // vst run stamps an ordinary run "0/1": one process, no shards.
        assertThat(ShardLabel.parse("0/1").orElseThrow().isSharded()).isFalse();
        assertThat(ShardLabel.parse("0/2").orElseThrow().isSharded()).isTrue();
        assertThat(ShardLabel.parse("0/11").orElseThrow().isSharded()).isTrue();
        assertThat(ShardLabel.parse("0/01").orElseThrow().isSharded()).isFalse();
    }

    @Test
    void writesTheSpellingItReads() {
        assertThat(new ShardLabel(1, 3)).hasToString("1/3");
        for (String text : List.of("0/1", "1/3", "1023/1024")) {
            assertThat(ShardLabel.parse(text).orElseThrow()).hasToString(text);
        }
    }

    @Test
    void aNegativeIndexOrCountIsNoLabel() {
        assertThatThrownBy(() -> new ShardLabel(-1, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ShardLabel(0, -3)).isInstanceOf(IllegalArgumentException.class);
    }
}
