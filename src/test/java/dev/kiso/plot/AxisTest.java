package dev.kiso.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.kiso.KisoException;
import org.junit.jupiter.api.Test;

class AxisTest {

    @Test
    void linearMapping() {
        Axis a = new Axis(-2, 6, false);
        assertThat(a.fraction(-2)).isEqualTo(0.0);
        assertThat(a.fraction(6)).isEqualTo(1.0);
        assertThat(a.fraction(0)).isEqualTo(0.25);
        assertThat(a.valueAt(0.75)).isEqualTo(4.0);
    }

    @Test
    void logMappingIsLinearInTheExponent() {
        Axis a = new Axis(1e-3, 10, true);
        assertThat(a.fraction(1e-3)).isCloseTo(0, within(1e-12));
        assertThat(a.fraction(1e-2)).isCloseTo(0.25, within(1e-12));
        assertThat(a.fraction(1)).isCloseTo(0.75, within(1e-12));
        assertThat(a.fraction(Math.sqrt(10) * 1e-3)).isCloseTo(0.125, within(1e-12));
        assertThat(a.valueAt(0.5)).isCloseTo(0.1, within(1e-12));
        assertThat(a.fraction(0)).isNaN();
        assertThat(a.fraction(-1)).isNaN();
    }

    @Test
    void fitPadsFreeEndsAndKeepsPinnedOnes() {
        Axis free = Axis.fit(0, 10, null, null, false);
        assertThat(free.lo).isCloseTo(-0.4, within(1e-12));
        assertThat(free.hi).isCloseTo(10.4, within(1e-12));
        Axis pinned = Axis.fit(0, 10, 0.0, null, false);
        assertThat(pinned.lo).isEqualTo(0.0);
        assertThat(pinned.hi).isCloseTo(10.4, within(1e-12));
        Axis log = Axis.fit(1, 1e4, null, null, true);
        assertThat(Math.log10(log.lo)).isCloseTo(-0.16, within(1e-9));
        assertThat(Math.log10(log.hi)).isCloseTo(4.16, within(1e-9));
    }

    @Test
    void fitWithoutDataOrWithOneValueStillGivesARange() {
        Axis none = Axis.fit(Double.NaN, Double.NaN, null, null, false);
        assertThat(none.lo).isLessThan(none.hi);
        Axis one = Axis.fit(5, 5, null, null, false);
        assertThat(one.lo).isLessThan(5);
        assertThat(one.hi).isGreaterThan(5);
        Axis beyond = Axis.fit(0, 1, 3.0, null, false); // pinned lo above all data
        assertThat(beyond.lo).isEqualTo(3.0);
        assertThat(beyond.hi).isGreaterThan(3.0);
    }

    @Test
    void badRangesAreRejected() {
        assertThatThrownBy(() -> new Axis(1, 1, false)).isInstanceOf(KisoException.class).hasMessageContaining("lo < hi");
        assertThatThrownBy(() -> new Axis(0, 1, true)).isInstanceOf(KisoException.class).hasMessageContaining("positive");
    }
}
