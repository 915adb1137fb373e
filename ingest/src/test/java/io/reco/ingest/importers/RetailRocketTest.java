package io.reco.ingest.importers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reco.records.EventRules;
import io.reco.records.InvalidRecordException;
import io.reco.records.RejectReason;
import io.reco.records.Settings;
import io.reco.records.avro.EventType;
import io.reco.records.avro.InteractionEvent;
import io.reco.records.avro.Product;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetailRocketTest {
  private static final EventRules.Window RULES = EventRules.from(Settings.defaults())
      .at(Instant.parse("2026-11-22T10:00:00Z").toEpochMilli());
  private final EventRules.Window times = RULES;
  private final RetailRocketEvents events = new RetailRocketEvents(times);
  private final RetailRocketItems items = new RetailRocketItems(times);

  private static List<String> row(String line) {
    return Arrays.asList(line.split(",", -1));
  }

  @Test
  void mapsEventTypesAndTransactions() throws Exception {
    RetailRocketEvents.Row bought = events.parse(row("1433222147345,257597,transaction,355908,4000"));
    InteractionEvent e = RetailRocketEvents.toEvent(bought, "retailrocket:abc:5", "retailrocket:257597:1");

    assertEquals(EventType.purchase, e.getEventType());
    assertEquals("4000", e.getOrderId());
    assertEquals(1433222147345L, e.getTimestamp());
    assertEquals("257597", e.getUserId());
    assertEquals("355908", e.getProductId());
    assertEquals(EventType.add_to_cart, events.parse(row("1433221999827,257597,addtocart,355908,")).type());
    RetailRocketEvents.Row viewed = events.parse(row("1433221332117,257597,view,355908,"));
    assertEquals(EventType.view, viewed.type());
    assertNull(viewed.transactionId());
  }

  @Test
  void rejectsBrokenEvents() {
    List<List<Object>> cases = List.of(
        List.of("1433221332,111016,view,318965,", RejectReason.INVALID_TIMESTAMP),
        List.of("2015-06-02,483717,view,253185,", RejectReason.WRONG_TYPE),
        List.of("1433223000000,257597,purchase,355908,", RejectReason.UNKNOWN_EVENT_TYPE),
        List.of("1433223100000,,view,355908,", RejectReason.MISSING_FIELD),
        List.of("1433223200000,483717,transaction,253185,", RejectReason.MISSING_FIELD),
        List.of("1433223300000,483717,view,abc,", RejectReason.WRONG_TYPE),
        List.of("1433223400000,483717,view,253185", RejectReason.WRONG_COLUMN_COUNT),
        List.of("1433223500000,483717,view,253185,77", RejectReason.INVALID_VALUE));
    for (List<Object> c : cases) {
      InvalidRecordException e =
          assertThrows(InvalidRecordException.class, () -> events.parse(row((String) c.get(0))), (String) c.get(0));
      assertEquals(c.get(1), e.reason(), (String) c.get(0));
    }
  }

  @Test
  void theLatestCategoryAndAvailabilityWinWhateverTheOrder() throws Exception {
    CatalogBuilder catalog = new CatalogBuilder("item");
    for (String line : List.of("1441508400000,355908,categoryid,1200", "1435460400000,355908,categoryid,1173",
        "1439089200000,355908,available,0", "1433041200000,355908,available,1", "1433041200000,355908,888,n1.0")) {
      RetailRocketItems.addTo(catalog, items.parse(row(line)));
    }
    Product item = catalog.products(0L).get(0);

    assertEquals("1200", item.getCategory());
    assertFalse(item.getInStock());
    assertEquals("item 355908", item.getName());
    assertEquals(1433041200000L, item.getCreatedAt());
    assertTrue(items.parse(row("1433041200000,355908,categoryid,1200")).readable());
    assertFalse(items.parse(row("1433041200000,355908,888,1116713 960601 n277.200")).readable());
  }

  @Test
  void rejectsBrokenPropertiesOnlyWhereTheCatalogReadsThem() throws Exception {
    assertEquals(RejectReason.INVALID_VALUE, assertThrows(InvalidRecordException.class,
        () -> items.parse(row("1433041200000,253185,available,yes"))).reason());
    assertEquals(RejectReason.WRONG_TYPE, assertThrows(InvalidRecordException.class,
        () -> items.parse(row("1433041200000,253185,categoryid,cat7"))).reason());
    assertEquals(RejectReason.WRONG_COLUMN_COUNT, assertThrows(InvalidRecordException.class,
        () -> items.parse(row("1433041200000,253185,790"))).reason());
    assertEquals("n5000.000", items.parse(row("1433041200000,253185,790,n5000.000")).value());
  }
}
