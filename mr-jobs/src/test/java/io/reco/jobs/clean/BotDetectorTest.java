package io.reco.jobs.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The bot rules, fed a user's events one at a time in time order. */
class BotDetectorTest {
  private final BotDetector bots = new CleanRules(5, 2, 1_000L).botDetector();

  @Test
  void moreEventsThanTheLimitInAMinuteMakeABot() {
    for (int i = 0; i < 6; i++) {
      bots.add(i * 10_000L, false);
    }
    assertEquals("more than 5 events in a minute", bots.reason());
  }

  @Test
  void eventsAMinuteApartAreNotInTheSameMinute() {
    for (int i = 0; i < 600; i++) {
      bots.add(i * 12_000L, false);
    }
    assertNull(bots.reason(), "5 events in every 60 s, never 6");
  }

  @Test
  void quickViewsCountOverTheWholeHistoryNotOneMinute() {
    for (int hour = 0; hour < 3; hour++) {
      bots.add(hour * 3_600_000L, true);
      bots.add(hour * 3_600_000L + 999, true);
    }
    assertEquals("3 views less than a second after the previous one (more than 2)", bots.reason());
  }

  @Test
  void onlyViewsCountAsQuickViewsAndAGapOfASecondIsNotQuick() {
    BotDetector bots = new CleanRules(100, 0, 1_000L).botDetector();
    bots.add(0, true);
    bots.add(100, false);
    bots.add(1_000, true);
    bots.add(1_100, false);
    bots.add(2_000, true);
    assertNull(bots.reason(), "no view within a second of the previous view");
    bots.add(2_500, true);
    assertEquals("1 views less than a second after the previous one (more than 0)", bots.reason());
  }

  @Test
  void theMinuteRuleIsTheReasonWhenBothHold() {
    for (int i = 0; i < 10; i++) {
      bots.add(i * 100L, true);
    }
    assertEquals("more than 5 events in a minute", bots.reason());
  }

  @Test
  void resetForgetsTheUser() {
    for (int i = 0; i < 6; i++) {
      bots.add(i, true);
    }
    bots.reset();
    bots.add(0, true);
    assertNull(bots.reason());
  }

  @Test
  void eventsOutOfTimeOrderAreRefused() {
    bots.add(1_000, false);
    assertThrows(IllegalArgumentException.class, () -> bots.add(999, false));
  }
}
