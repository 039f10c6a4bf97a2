package io.vst.units;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Each expected text below is worked out by hand from the value, not by calling the code under test. */
class UnitsTest {

    private static final long KIB = 1024;
    private static final long MIB = KIB * KIB;
    private static final long GIB = MIB * KIB;

    @Test
    void bytesUseBinaryDivisorsWithIecLabels() {
        assertThat(Units.bytes(0)).isEqualTo("0 B");
        assertThat(Units.bytes(1023)).isEqualTo("1023 B");
        assertThat(Units.bytes(1024)).isEqualTo("1.00 KiB");
        assertThat(Units.bytes(1536)).isEqualTo("1.50 KiB");                 // 1536 / 1024 = 1.5
        assertThat(Units.bytes(MIB - 1)).isEqualTo("1.00 MiB");               // 1023.999 KiB would print 1024.00
        assertThat(Units.bytes(MIB - 6)).isEqualTo("1023.99 KiB");            // 1048570 / 1024 = 1023.994
        assertThat(Units.bytes(5 * MIB + 512 * KIB)).isEqualTo("5.50 MiB");
        assertThat(Units.bytes(3 * GIB)).isEqualTo("3.00 GiB");
        assertThat(Units.bytes(2 * GIB * KIB + GIB * KIB / 4)).isEqualTo("2.25 TiB");
        assertThat(Units.bytes(1000)).as("1000 bytes are not a KiB").isEqualTo("1000 B");
        assertThat(Units.bytes(1023.4)).isEqualTo("1023 B");
        assertThat(Units.bytes(1023.5)).as("rounds up to 1024 B, which is a KiB").isEqualTo("1.00 KiB");
    }

    @Test
    void bytesKeepTheSignAndNeverPrintNaN() {
        assertThat(Units.bytes(-1536)).isEqualTo("-1.50 KiB");
        assertThat(Units.bytes(-0.4)).isEqualTo("0 B");
        assertThat(Units.bytes(Double.NaN)).isEqualTo("n/a");
        assertThat(Units.bytes(Double.POSITIVE_INFINITY)).isEqualTo("n/a");
        assertThat(Units.bytes(Double.NEGATIVE_INFINITY)).isEqualTo("n/a");
    }

    @Test
    void byteDeltasAreAlwaysSigned() {
        assertThat(Units.bytesDelta(1536)).isEqualTo("+1.50 KiB");
        assertThat(Units.bytesDelta(-1536)).isEqualTo("-1.50 KiB");
        assertThat(Units.bytesDelta(-512)).isEqualTo("-512 B");
        assertThat(Units.bytesDelta(0)).isEqualTo("+0 B");
        assertThat(Units.bytesDelta(-0.2)).isEqualTo("+0 B");
        assertThat(Units.bytesDelta(-(MIB - 1))).isEqualTo("-1.00 MiB");
        assertThat(Units.bytesDelta(Double.NaN)).isEqualTo("n/a");
    }

    @Test
    void durationsHaveOneStyleRoundedToTheirLastDigit() {
        assertThat(Units.duration(0)).isEqualTo("0 ms");
        assertThat(Units.duration(0.85)).isEqualTo("850 ms");
        assertThat(Units.duration(0.0004)).isEqualTo("0 ms");
        assertThat(Units.duration(0.9996)).as("1000 ms is a second").isEqualTo("1.0 s");
        assertThat(Units.duration(1)).isEqualTo("1.0 s");
        assertThat(Units.duration(12.44)).isEqualTo("12.4 s");
        assertThat(Units.duration(59.94)).isEqualTo("59.9 s");
        assertThat(Units.duration(59.95)).as("59.95 rounds to 60.0, a minute").isEqualTo("1 min 00 s");
        assertThat(Units.duration(185)).isEqualTo("3 min 05 s");
        assertThat(Units.duration(3599.4)).isEqualTo("59 min 59 s");
        assertThat(Units.duration(3599.5)).isEqualTo("1 h 00 min");
        assertThat(Units.duration(2 * 3600 + 4 * 60 + 10)).isEqualTo("2 h 04 min");
        assertThat(Units.duration(50 * 3600)).isEqualTo("50 h 00 min");
    }

    @Test
    void durationsThatAreNotTimesReadNotAvailable() {
        assertThat(Units.duration(Double.NaN)).isEqualTo("n/a");
        assertThat(Units.duration(Double.POSITIVE_INFINITY)).isEqualTo("n/a");
        assertThat(Units.duration(-1)).isEqualTo("n/a");
    }

    @Test
    void countsRatesAndPercentages() {
        assertThat(Units.count(0L)).isEqualTo("0");
        assertThat(Units.count(999L)).isEqualTo("999");
        assertThat(Units.count(1_234_567L)).isEqualTo("1,234,567");
        assertThat(Units.count(-1_000L)).isEqualTo("-1,000");
        assertThat(Units.count(1234.6)).isEqualTo("1,235");
        assertThat(Units.count(Double.NaN)).isEqualTo("n/a");
        assertThat(Units.rate(12_345.4)).isEqualTo("12,345 ops/s");
        assertThat(Units.rate(2.54)).isEqualTo("2.5 ops/s");
        assertThat(Units.rate(99.94)).isEqualTo("99.9 ops/s");
        assertThat(Units.rate(99.96)).isEqualTo("100 ops/s");
        assertThat(Units.rate(0)).isEqualTo("0.0 ops/s");
        assertThat(Units.rate(Double.NaN)).isEqualTo("n/a");
        assertThat(Units.percent(12.34)).isEqualTo("12.3%");
        assertThat(Units.percent(100)).isEqualTo("100.0%");
        assertThat(Units.percent(Double.NaN)).isEqualTo("n/a");
        assertThat(Units.percentDelta(4.25)).isEqualTo("+4.3%");
        assertThat(Units.percentDelta(-0.5)).isEqualTo("-0.5%");
        assertThat(Units.percentDelta(0)).isEqualTo("+0.0%");
        assertThat(Units.percentDelta(Double.POSITIVE_INFINITY)).isEqualTo("n/a");
    }

    @Test
    void theDefaultLocaleChangesNothing() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);     // writes 1,50 and 1.234.567 where it is asked to
            assertThat(Units.bytes(1536)).isEqualTo("1.50 KiB");
            assertThat(Units.count(1_234_567L)).isEqualTo("1,234,567");
            assertThat(Units.duration(12.44)).isEqualTo("12.4 s");
            assertThat(Units.percent(12.34)).isEqualTo("12.3%");
            assertThat(Units.cell(0.5)).isEqualTo("0.5");
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void numbersForMessages() {
        assertThat(Units.plain(1800.0)).isEqualTo("1800");
        assertThat(Units.plain(0.25)).isEqualTo("0.25");
        assertThat(Units.plain(-3)).isEqualTo("-3");
        assertThat(Units.plain(Double.NaN)).isEqualTo("n/a");
        assertThat(Units.plain(Double.NEGATIVE_INFINITY)).isEqualTo("n/a");
        assertThat(Units.decimal(12.34567, 3)).isEqualTo("12.346");
        assertThat(Units.decimal(0.5, 3)).isEqualTo("0.500");
        assertThat(Units.decimal(100, 3)).isEqualTo("100");
        assertThat(Units.decimal(Double.NaN, 3)).isEqualTo("n/a");
    }

    /**
     * {@link Units#cell} computes six significant digits with BigDecimal; the reference here is Java's own
     * {@code %.6g} with its trailing zeros taken off, over values at every scale and at rounding ties.
     */
    @Test
    void cellsAreTheSixDigitsFormatterWrites() {
        Random random = new Random(20261202);
        List<Double> values = new ArrayList<>(List.of(0.0001, 0.00009999995, 0.000099999949, 999999.5, 999999.49,
                999999.7, -999999.7, 0.1234565, 1.0000005, 9.9999995, 2.5e-300, Double.MIN_VALUE, Double.MAX_VALUE,
                -Double.MAX_VALUE, 1e15, 1e15 + 0.5, 1e21, 1.5e-5, -1.5e-5, 123456.75, 57.567, 0.952229, 1.02));
        for (int i = 0; i < 200_000; i++) {
            double mantissa = 1 + 9 * random.nextDouble();
            int exponent = random.nextInt(40) - 20;
            double v = mantissa * Math.pow(10, exponent) * (random.nextBoolean() ? 1 : -1);
            values.add(v);
            // A tie at the seventh digit: six digits then a 5, the case half-up rounding decides.
            values.add(Math.floor(Math.abs(v) / Math.pow(10, exponent - 6)) * Math.pow(10, exponent - 6)
                    + 5 * Math.pow(10, exponent - 7));
            values.add(Double.longBitsToDouble(random.nextLong()));
        }
        int compared = 0;
        for (double v : values) {
            if (!Double.isFinite(v) || v == Math.rint(v) && Math.abs(v) < 1e15) {
                continue;
            }
            String g = String.format(Locale.ROOT, "%.6g", v);
            String expected = g.replaceAll("(\\.\\d*?)0+(e|$)", "$1$2").replace(".e", "e").replaceAll("\\.$", "");
            assertThat(Units.cell(v)).as("%%.6g of %s", Double.toString(v)).isEqualTo(expected);
            compared++;
        }
        assertThat(compared).isGreaterThan(500_000);
    }

    @Test
    void numbersForFilesAndReplies() {
        assertThat(Units.cell(3.0)).isEqualTo("3");
        assertThat(Units.cell(0.000123)).isEqualTo("0.000123");
        assertThat(Units.cell(1.23456789)).isEqualTo("1.23457");
        assertThat(Units.cell(0.5)).isEqualTo("0.5");
        assertThat(Units.cell(1234567.5)).isEqualTo("1.23457e+06");
        assertThat(Units.cell(1_234_567)).as("no grouping in files").isEqualTo("1234567");
        assertThat(Units.cell(Double.NaN)).isEmpty();
        assertThat(Units.cell(Double.POSITIVE_INFINITY)).isEmpty();
        assertThat(Units.roundTrip(42.0)).isEqualTo("42");
        assertThat(Units.roundTrip(0.1)).isEqualTo("0.1");
        assertThat(Double.parseDouble(Units.roundTrip(1.0 / 3))).isEqualTo(1.0 / 3);
        assertThat(Units.roundTrip(1e20)).isEqualTo("1.0E20");
        assertThat(Units.roundTrip(Double.NaN)).isEqualTo("NaN");
    }
}
