package io.reco.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The thresholds, the population stability index and the numbers checks print. */
class ChecksTest {
  @Test
  void populationStabilityIndexMatchesTheTextbookFormula() {
    double psi = PopulationStability.index(List.of(new Count("a", 50), new Count("b", 50)),
        List.of(new Count("a", 25), new Count("b", 75)));
    assertEquals(-0.25 * Math.log(0.5) + 0.25 * Math.log(1.5), psi, 1e-12);
    assertEquals(0, PopulationStability.index(List.of(new Count("a", 3)), List.of(new Count("a", 300))), 1e-12,
        "the same shares are stable whatever the volume");
    double appeared = PopulationStability.index(List.of(new Count("a", 100)),
        List.of(new Count("a", 50), new Count("new", 50)));
    assertEquals((0.5 - 1) * Math.log(0.5) + (0.5 - 1e-4) * Math.log(0.5 / 1e-4), appeared, 1e-9,
        "a bucket empty before counts as a share of 1e-4");
  }

  @Test
  void checksWarnAndFailPastTheirThresholds() {
    assertEquals(Status.PASS, Checks.above("x", 0.1, 0.1, 0.2, "v").status(), "at the threshold is not past it");
    assertEquals(Status.WARN, Checks.above("x", 0.15, 0.1, 0.2, "v").status());
    Check fail = Checks.above("x", 0.25, 0.1, 0.2, "rate");
    assertEquals(Status.FAIL, fail.status());
    assertEquals("rate 0.25, above the failure threshold 0.2", fail.message());
    assertEquals(Status.WARN, Checks.below("c", 0.8, 1.0, 0.5, "share").status());
    assertEquals(Status.FAIL, Checks.below("c", 0.4, 1.0, 0.5, "share").status());
  }

  @Test
  void volumeDropComparesTheDailyVolumeWithTheTrailingAverage() {
    Check drop = Checks.volumeDrop(700, List.of(1000.0, 1000.0), 0.1, 0.2);
    assertEquals(Status.FAIL, drop.status());
    assertEquals(0.3, drop.value(), 1e-12);
    assertEquals(Status.PASS, Checks.volumeDrop(1500, List.of(1000.0), 0.1, 0.2).status(), "a rise is no drop");
    assertEquals(Status.PASS, Checks.volumeDrop(10, List.of(), 0.1, 0.2).status(), "no history, nothing to judge");
  }

  @Test
  void numbersReadPlainly() {
    assertEquals("1,428,572", Checks.format(1428571.6));
    assertEquals("0.000096", Checks.format(9.6e-5));
    assertEquals("0.3333", Checks.format(1 / 3.0));
    assertEquals("7", Checks.format(7));
  }
}
