package io.reco.ingest.importers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.reco.records.EventRules;
import io.reco.records.InvalidRecordException;
import io.reco.records.RecordJson;
import io.reco.records.RejectReason;
import io.reco.records.Settings;
import io.reco.records.avro.EventType;
import io.reco.records.avro.InteractionEvent;
import io.reco.records.avro.Product;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class Rees46EventsTest {
  private static final EventRules.Window RULES = EventRules.from(Settings.defaults())
      .at(Instant.parse("2026-11-22T10:00:00Z").toEpochMilli());
  private final Rees46Events mapper = new Rees46Events(RULES);

  private static List<String> row(String line) {
    return Arrays.asList(line.split(",", -1));
  }

  private RejectReason reasonOf(String line) {
    return assertThrows(InvalidRecordException.class, () -> mapper.parse(row(line))).reason();
  }

  @Test
  void mapsARowToTheCanonicalEvent() throws Exception {
    Rees46Events.Row r = mapper.parse(row("2019-10-01 00:00:04 UTC,cart,1004237,2053013555631882655,"
        + "electronics.smartphone,apple,1081.98,535871217,c6bd7419-0748-4c56-95b4-8cec9ff8b80d"));
    InteractionEvent e = Rees46Events.toEvent(r, "rees46:abc:7");

    assertEquals(EventType.add_to_cart, e.getEventType());
    assertEquals(Instant.parse("2019-10-01T00:00:04Z").toEpochMilli(), e.getTimestamp());
    assertEquals("{\"event_id\":\"rees46:abc:7\",\"user_id\":\"535871217\",\"product_id\":\"1004237\","
        + "\"event_type\":\"add_to_cart\",\"timestamp\":1569888004000,"
        + "\"session_id\":\"c6bd7419-0748-4c56-95b4-8cec9ff8b80d\",\"price\":1081.98,\"metadata\":{}}",
        RecordJson.toJson(e));
  }

  @Test
  void mapsEveryEventType() throws Exception {
    String rest = ",1,,,,1.0,2,s";
    assertEquals(EventType.view, mapper.parse(row("2019-10-01 00:00:00 UTC,view" + rest)).type());
    assertEquals(EventType.add_to_cart, mapper.parse(row("2019-10-01 00:00:00 UTC,cart" + rest)).type());
    assertEquals(EventType.remove_from_cart,
        mapper.parse(row("2019-10-01 00:00:00 UTC,remove_from_cart" + rest)).type());
    assertEquals(EventType.purchase, mapper.parse(row("2019-10-01 00:00:00 UTC,purchase" + rest)).type());
  }

  @Test
  void rejectsBrokenRowsWithTheirReason() {
    String ok = "2019-10-01 00:00:00 UTC,view,44600062,2103807459595387724,,shiseido,35.79,541312140,s1";
    assertEquals(RejectReason.WRONG_COLUMN_COUNT,
        reasonOf("2019-10-01 02:50:00 UTC,view,10900305,2053013555069845885,appliances.kitchen.mixer,elenberg,"
            + "25.71,52040330"));
    assertEquals(RejectReason.INVALID_TIMESTAMP, reasonOf(ok.replace(" UTC", "")));
    assertEquals(RejectReason.INVALID_TIMESTAMP, reasonOf(ok.replace("2019-10-01", "2019-02-30")));
    assertEquals(RejectReason.INVALID_TIMESTAMP, reasonOf(ok.replace("2019-10-01", "1970-01-01")));
    assertEquals(RejectReason.UNKNOWN_EVENT_TYPE, reasonOf(ok.replace(",view,", ",wishlist,")));
    assertEquals(RejectReason.WRONG_TYPE, reasonOf(ok.replace("35.79", "abc")));
    assertEquals(RejectReason.INVALID_VALUE, reasonOf(ok.replace("35.79", "-35.79")));
    assertEquals(RejectReason.MISSING_FIELD, reasonOf(ok.replace("541312140", "")));
    assertEquals(RejectReason.MISSING_FIELD, reasonOf(ok.replace(",s1", ",")));
  }

  @Test
  void readsExportsWithStringIdsAndWithoutPrices() throws Exception {
    List<String> header = Rees46Events.header("events.csv", List.of("user_id", "event_time", "event_type",
        "product_id", "user_session"));
    Rees46Events.Row r = new Rees46Events(RULES, header).parse(row("u-7f3a,2019-10-01 00:00:04 UTC,purchase,"
        + "sku-19,c6bd7419"));

    assertEquals("u-7f3a", r.userId());
    assertEquals("sku-19", r.productId());
    assertEquals(null, r.price());
    assertEquals(null, Rees46Events.toEvent(r, "rees46:abc:2").getPrice());
  }

  @Test
  void aHeaderWithoutARequiredColumnNamesItAndTheColumnsAccepted() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Rees46Events.header("x.csv",
        List.of("event_time", "event_type", "product_id", "user_id", "colour")));

    assertEquals("input x.csv is not a rees46 file: its header is 'event_time,event_type,product_id,user_id,colour', "
        + "missing [user_session], unknown [colour]; expected the columns event_time,event_type,product_id,"
        + "category_id,category_code,brand,price,user_id,user_session in any order, of which only event_time,"
        + "event_type,product_id,user_id,user_session are required", e.getMessage());
  }

  @Test
  void catalogNamesProductsFromBrandAndCategory() throws Exception {
    CatalogBuilder catalog = new CatalogBuilder("product");
    Rees46Events.addTo(catalog, mapper.parse(row("2019-10-01 00:00:00 UTC,view,3900821,2053013552326770905,"
        + "appliances.environment.water_heater,aqua,33.20,1,s")));
    Rees46Events.addTo(catalog, mapper.parse(row(
        "2019-10-01 00:00:00 UTC,view,44600062,2103807459595387724,,shiseido,35.79,1,s")));
    Rees46Events.addTo(catalog, mapper.parse(row("2019-10-01 00:00:00 UTC,view,17,,,,0.00,1,s")));
    List<Product> products = catalog.products(0L);

    Product heater = products.get(1);
    assertEquals("3900821", heater.getProductId());
    assertEquals("aqua appliances.environment.water_heater", heater.getName());
    assertEquals("appliances", heater.getCategory());
    assertEquals("environment.water_heater", heater.getSubcategory());
    assertEquals("aqua", heater.getBrand());
    assertEquals(33.20, heater.getPrice());
    assertEquals("2053013552326770905", heater.getAttributes().get("category_id"));
    Product cream = products.get(2);
    assertEquals("shiseido", cream.getName());
    assertEquals(CatalogBuilder.UNKNOWN, cream.getCategory());
    Product bare = products.get(0);
    assertEquals("product 17", bare.getName());
    assertNull(bare.getBrand());
    assertEquals(0.0, bare.getPrice());
  }
}
