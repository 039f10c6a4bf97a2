package io.vst.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vst.scenario.FieldSpec;
import java.util.List;
import java.util.function.LongPredicate;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Filters evaluated on the values vst writes, against the values computed here by hand. */
class AttributeFilterTest {

    /** category = "t" + id % 3 (TAG), price = id (NUMERIC). */
    private static final FieldValues FIELDS = new FieldValues(List.of(
            new FieldSpec("category", "TAG", "row_mod:3", null), new FieldSpec("price", "NUMERIC", "id", null)));

    private static long[] passing(String filter) throws AttributeFilter.NotMeasurable {
        AttributeFilter f = AttributeFilter.parse(filter, FIELDS);
        return f.keep(LongStream.range(0, 60).toArray());
    }

    private static long[] expected(LongPredicate p) {
        return LongStream.range(0, 60).filter(p).toArray();
    }

    @Test
    void tagNumericNegationAndGroupsMatchTheWrittenValues() throws Exception {
        assertThat(passing("@category:{t1}")).containsExactly(expected(id -> id % 3 == 1));
        assertThat(passing("@category:{T1 | t2}")).containsExactly(expected(id -> id % 3 != 0));
        assertThat(passing("@category:{t*}")).containsExactly(expected(id -> true));
        assertThat(passing("@price:[10 (20]")).containsExactly(expected(id -> id >= 10 && id < 20));
        assertThat(passing("@price:[(50 +inf]")).containsExactly(expected(id -> id > 50));
        assertThat(passing("-@category:{t0}  @price:[-inf 30]"))
                .containsExactly(expected(id -> id % 3 != 0 && id <= 30));
        assertThat(passing("(@category:{t0} | @price:[40 45]) -@price:[0 5]"))
                .containsExactly(expected(id -> (id % 3 == 0 || (id >= 40 && id <= 45)) && id > 5));
        assertThat(passing("@category:{t2} | @price:[1 2]"))
                .containsExactly(expected(id -> id % 3 == 2 || id == 1));
        assertThat(passing("*")).containsExactly(expected(id -> true));
    }

    @Test
    void whatVstCannotEvaluateExactlyIsRefusedWithTheReason() {
        assertThatThrownBy(() -> passing("@colour:{red}")).isInstanceOf(AttributeFilter.NotMeasurable.class)
                .hasMessageContaining("vst writes no field 'colour'");
        assertThatThrownBy(() -> passing("@category:{t0} | @category:{t1} @price:[1 2]"))
                .hasMessageContaining("without parentheses");
        assertThatThrownBy(() -> passing("@price:[$low 5]")).hasMessageContaining("is not a number");
        assertThatThrownBy(() -> passing("@category:{*1}")).hasMessageContaining("prefix* tag");
        assertThatThrownBy(() -> passing("@category:t1")).hasMessageContaining("needs {...}");
        assertThatThrownBy(() -> passing("(@category:{t1}")).hasMessageContaining("expected ')'");
    }
}
