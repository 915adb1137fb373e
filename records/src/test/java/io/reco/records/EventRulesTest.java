package io.reco.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.reco.records.avro.EventType;
import io.reco.records.avro.InteractionEvent;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

class EventRulesTest {
  private static final long NOW = 1_793_491_200_000L;
  private static final EventRules.Window RULES = EventRules.from(new Configuration(false)).at(NOW);

  @Test
  void anEventWithinTheBoundsPasses() throws InvalidRecordException {
    RULES.check(event(999_999.99, 10_000));
  }

  @Test
  void aHugeFinitePriceIsAboveTheMaximum() {
    InvalidRecordException e = assertThrows(InvalidRecordException.class, () -> RULES.check(event(1e308, 1)));
    assertEquals(RejectReason.INVALID_VALUE, e.reason());
    assertEquals("price 1.0E308 is more than 1000000, the most reco.events.max-price allows", e.getMessage());
  }

  @Test
  void aNegativePriceSaysNegative() {
    InvalidRecordException e = assertThrows(InvalidRecordException.class, () -> RULES.check(event(-1.5, 1)));
    assertEquals("price -1.5 is negative", e.getMessage());
  }

  @Test
  void anInfinitePriceSaysNotFinite() {
    InvalidRecordException e = assertThrows(InvalidRecordException.class,
        () -> RULES.check(event(Double.POSITIVE_INFINITY, 1)));
    assertEquals("price Infinity is not a finite number", e.getMessage());
  }

  @Test
  void aQuantityAboveTheMaximumIsRejected() {
    InvalidRecordException e = assertThrows(InvalidRecordException.class, () -> RULES.check(event(1.0, 10_001)));
    assertEquals(RejectReason.INVALID_VALUE, e.reason());
    assertEquals("quantity", e.field());
    assertEquals("quantity 10001 is more than 10000, the most reco.events.max-quantity allows", e.getMessage());
  }

  @Test
  void theConfiguredMaximumPriceApplies() {
    Configuration conf = new Configuration(false);
    conf.set(EventRules.MAX_PRICE, "50");
    EventRules.Window rules = EventRules.from(conf).at(NOW);
    InvalidRecordException e = assertThrows(InvalidRecordException.class, () -> rules.check(event(50.01, 1)));
    assertEquals("price", e.field());
  }

  @Test
  void theConfiguredMaximumQuantityApplies() {
    Configuration conf = new Configuration(false);
    conf.setInt(EventRules.MAX_QUANTITY, 3);
    EventRules.Window rules = EventRules.from(conf).at(NOW);
    InvalidRecordException e = assertThrows(InvalidRecordException.class, () -> rules.check(event(1.0, 4)));
    assertEquals("quantity", e.field());
  }

  @Test
  void aMaximumPriceOfZeroNamesTheKey() {
    Configuration conf = new Configuration(false);
    conf.set(EventRules.MAX_PRICE, "0");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EventRules.from(conf));
    assertEquals("reco.events.max-price must be a number above 0, was 0", e.getMessage());
  }

  @Test
  void aMaximumQuantityThatIsNoNumberNamesTheKey() {
    Configuration conf = new Configuration(false);
    conf.set(EventRules.MAX_QUANTITY, "lots");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EventRules.from(conf));
    assertEquals("reco.events.max-quantity must be a whole number, was 'lots'", e.getMessage());
  }

  @Test
  void aWindowOfTimesOnlyHasTheDeclaredBounds() {
    EventRules.Window window = new EventRules.Window(0L, 100L);
    assertEquals(1_000_000.0 + " " + 10_000, window.maxPrice() + " " + window.maxQuantity());
  }

  private static InteractionEvent event(double price, int quantity) {
    return new InteractionEvent("e1", "u1", "p1", EventType.purchase, NOW, "s1", null, price, quantity, null, null,
        null, null, Map.of());
  }
}
