package io.reco.ingest.importers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reco.records.EventRules;
import io.reco.records.InvalidRecordException;
import io.reco.records.RecordJson;
import io.reco.records.RejectReason;
import io.reco.records.Settings;
import io.reco.records.avro.EventType;
import io.reco.records.avro.InteractionEvent;
import io.reco.records.avro.Order;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class OnlineRetailRowsTest {
  private static final EventRules.Window RULES = EventRules.from(Settings.defaults())
      .at(Instant.parse("2026-11-22T10:00:00Z").toEpochMilli());
  private final OnlineRetailRows mapper = new OnlineRetailRows(RULES);

  private static List<String> row(String line) {
    return Arrays.asList(line.split(",", -1));
  }

  private InvalidRecordException rejected(String line) {
    return assertThrows(InvalidRecordException.class, () -> mapper.parse(row(line)));
  }

  @Test
  void aPurchaseLineBecomesAPurchaseEventOfItsInvoice() throws Exception {
    OnlineRetailRows.Line line = mapper.parse(
        row("536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2010-12-01 08:26:00,2.55,17850.0,United Kingdom"));
    InteractionEvent e = OnlineRetailRows.toPurchase(line, "online-retail:abc:2");

    assertFalse(line.cancellation());
    assertEquals(EventType.purchase, e.getEventType());
    assertEquals("17850", e.getUserId());
    assertEquals("85123A", e.getProductId());
    assertEquals(Instant.parse("2010-12-01T08:26:00Z").toEpochMilli(), e.getTimestamp(), "GMT in December");
    assertEquals("online-retail:536365", e.getSessionId());
    assertEquals("536365", e.getOrderId());
    assertEquals(6, e.getQuantity());
    assertEquals(2.55, e.getPrice());
    assertEquals("United Kingdom", e.getMetadata().get("country"));
  }

  @Test
  void invoiceTimesAreUkLocalTimeInEitherExportFormat() throws Exception {
    OnlineRetailRows.Line summer = mapper.parse(row("560000,22423,CAKESTAND,1,2011-07-14 09:30:00,12.75,13047.0,"));
    OnlineRetailRows.Line excel = mapper.parse(row("560000,22423,CAKESTAND,1,7/14/2011 9:30,12.75,13047,"));

    assertEquals(Instant.parse("2011-07-14T08:30:00Z").toEpochMilli(), summer.time(), "BST is UTC+1");
    assertEquals(summer.time(), excel.time());
  }

  @Test
  void cancellationsAreGroupedIntoCancelledOrders() throws Exception {
    CancelledOrders orders = new CancelledOrders();
    orders.add(mapper.parse(row("C536391,22556,PLASTERS IN TIN CIRCUS PARADE,-12,2010-12-01 10:24:00,1.65,17548.0,"
        + "United Kingdom")));
    orders.add(mapper.parse(row("C536383,35004C,SET OF 3 COLOURED  FLYING DUCKS,-1,2010-12-01 09:49:00,4.65,15311.0,"
        + "United Kingdom")));
    orders.add(mapper.parse(row("C536391,21984,PACK OF 12 PINK PAISLEY TISSUES,-24,2010-12-01 10:24:00,0.29,17548.0,"
        + "United Kingdom")));
    List<Order> cancelled = orders.orders();

    assertEquals(3, orders.lines());
    assertEquals(List.of("C536383", "C536391"), cancelled.stream().map(Order::getOrderId).toList());
    assertEquals("{\"order_id\":\"C536391\",\"customer_id\":\"17548\",\"ordered_at\":1291199040000,"
        + "\"status\":\"cancelled\",\"currency\":\"GBP\",\"country\":\"United Kingdom\",\"items\":["
        + "{\"order_id\":\"C536391\",\"line_number\":1,\"product_id\":\"22556\",\"quantity\":12,\"unit_price\":1.65},"
        + "{\"order_id\":\"C536391\",\"line_number\":2,\"product_id\":\"21984\",\"quantity\":24,\"unit_price\":0.29}]}",
        RecordJson.toJson(cancelled.get(1)));
    assertThrows(IllegalArgumentException.class, () -> OnlineRetailRows.toPurchase(
        mapper.parse(row("C536383,35004C,DUCKS,-1,2010-12-01 09:49:00,4.65,15311.0,United Kingdom")), "x"));
  }

  @Test
  void rejectsLinesThatCannotBeAttributedOrAreNotProducts() {
    InvalidRecordException anonymous = rejected("536414,22139,,56,2010-12-01 11:52:00,0.0,,United Kingdom");
    assertEquals(RejectReason.MISSING_FIELD, anonymous.reason());
    assertEquals("CustomerID", anonymous.field());
    assertEquals("CustomerID is empty: the line cannot be attributed to a user", anonymous.getMessage());

    InvalidRecordException postage = rejected("536370,POST,POSTAGE,3,2010-12-01 08:45:00,18.0,12583.0,France");
    assertEquals(RejectReason.INVALID_VALUE, postage.reason());
    assertEquals("StockCode 'POST' is a service line (postage), not a product", postage.getMessage());
    assertEquals(RejectReason.INVALID_VALUE,
        rejected("C536379,D,Discount,-1,2010-12-01 09:41:00,27.5,14527.0,United Kingdom").reason());

    assertEquals(RejectReason.INVALID_VALUE,
        rejected("536365,85123A,HEART,-6,2010-12-01 08:26:00,2.55,17850.0,United Kingdom").reason());
    assertEquals(RejectReason.INVALID_VALUE,
        rejected("C536383,35004C,DUCKS,1,2010-12-01 09:49:00,4.65,15311.0,United Kingdom").reason());
    assertEquals(RejectReason.INVALID_VALUE,
        rejected("A563185,B,Adjust bad debt,1,2011-08-12 14:50:00,11062.06,,United Kingdom").reason());
    assertEquals(RejectReason.WRONG_TYPE,
        rejected("536365,85123A,HEART,6,2010-12-01 08:26:00,2.55,17850.5,United Kingdom").reason());
    assertEquals(RejectReason.WRONG_TYPE,
        rejected("536365,85123A,HEART,six,2010-12-01 08:26:00,2.55,17850.0,United Kingdom").reason());
    assertEquals(RejectReason.INVALID_TIMESTAMP,
        rejected("536365,85123A,HEART,6,2010-13-01 08:26:00,2.55,17850.0,United Kingdom").reason());
    assertEquals(RejectReason.INVALID_VALUE,
        rejected("536365,85123A,HEART,6,2010-12-01 08:26:00,-2.55,17850.0,United Kingdom").reason());
  }

  @Test
  void theCatalogTakesTheLatestDescriptionAndPrice() throws Exception {
    CatalogBuilder catalog = new CatalogBuilder("item");
    OnlineRetailRows.addTo(catalog, mapper.parse(row("536365,22632,HAND WARMER RED RETROSPOT,6,2010-12-02 08:26:00,"
        + "2.10,17850.0,United Kingdom")));
    OnlineRetailRows.addTo(catalog, mapper.parse(row("536300,22632,HAND WARMER RED POLKA DOT,6,2010-12-01 08:26:00,"
        + "1.85,17850.0,United Kingdom")));
    OnlineRetailRows.addTo(catalog, mapper.parse(row("537197,22632,,1,2010-12-05 14:02:00,0.0,12647.0,Germany")));

    assertEquals("HAND WARMER RED RETROSPOT", catalog.products(0L).get(0).getName());
    assertEquals(2.10, catalog.products(0L).get(0).getPrice(), "a free line does not reset the price");
    assertEquals(Instant.parse("2010-12-01T08:26:00Z").toEpochMilli(), catalog.products(0L).get(0).getCreatedAt());
    assertTrue(catalog.contains("22632"));
  }
}
