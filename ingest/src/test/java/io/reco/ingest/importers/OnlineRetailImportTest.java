package io.reco.ingest.importers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.reco.ingest.raw.RawVerifier;
import io.reco.records.RejectReason;
import io.reco.records.avro.EventType;
import io.reco.records.raw.Manifest;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Online Retail importer on the shared sample: the first 10,000 rows, 2010-12-01 to 2010-12-05, imported once
 * for the tests that only read the result.
 */
class OnlineRetailImportTest {
  @TempDir
  static java.nio.file.Path shared;
  private static ImportedZone zone;
  private static Path input;
  private static ImportReport report;

  @BeforeAll
  static void importOnce() throws Exception {
    java.nio.file.Path sample = ImportedZone.sharedData("online-retail-2010-12-head");
    input = new Path(sample.resolve("transactions.csv").toUri());
    zone = new ImportedZone(shared);
    report = zone.run(Dataset.ONLINE_RETAIL, input);
  }

  @Test
  void importsTheSampleWithExactCounts() throws Exception {

    assertEquals(10_000, report.rowsRead());
    assertEquals(7_580, report.events(EventType.purchase));
    assertEquals(7_580, report.events());
    // 100 rows of C invoices, less 2 discount lines (stock code D) that are not products
    assertEquals(98, report.cancellations());
    assertEquals(41, report.cancelledOrders());
    // 2,291 rows without CustomerID, none of them a cancellation; 31 service lines with a customer
    // (18 POST, 9 M, 1 C2, 1 BANK CHARGES, 2 D)
    assertEquals(Map.of(RejectReason.MISSING_FIELD, 2_291L, RejectReason.INVALID_VALUE, 31L),
        report.rejectsByReason());
    assertEquals(302, report.users());
    assertEquals(1_685, report.products());
    assertEquals(1_699, report.catalogProducts(), "products of purchases and cancellations");
    assertEquals("snapshot=2010-12-05", report.catalogSnapshot());
    // 39 hours of purchases, 4 days of cancellations, the quarantine, the catalog
    assertEquals(45, report.files().size());
    assertEquals(39, zone.files("clickstream/").size());
    assertEquals(List.of("2010-12-01", "2010-12-02", "2010-12-03", "2010-12-05"), zone.files("transactions/")
        .stream().map(f -> f.substring("transactions/dt=".length(), "transactions/dt=".length() + 10)).toList());

    RawVerifier.Report verified = RawVerifier.verify(zone.fs, zone.root);
    assertTrue(verified.ok(), verified.findings().toString());
    assertEquals(45, verified.verified());
    assertEquals(7_580 + 41 + 2_322 + 1_699, verified.records());
    assertTrue(report.summary().contains(": 10000 rows = 7580 events {purchase=7580} + 98 cancellations (41 orders)"
        + " + 2322 rejected {MISSING_FIELD=2291, INVALID_VALUE=31}; 302 users, 1685 products;"), report.summary());
  }

  @Test
  void purchasesCarryQuantityPriceOrderAndTheInvoiceAsSession() throws Exception {
    JsonNode first = zone.allLines("clickstream/dt=2010-12-01/hour=08/").get(0);

    assertEquals("online-retail:" + report.inputMd5().substring(0, 12) + ":2", first.get("event_id").asText());
    assertEquals("17850", first.get("user_id").asText());
    assertEquals("85123A", first.get("product_id").asText());
    assertEquals("purchase", first.get("event_type").asText());
    assertEquals(Instant.parse("2010-12-01T08:26:00Z").toEpochMilli(), first.get("timestamp").asLong());
    assertEquals("online-retail:536365", first.get("session_id").asText());
    assertEquals(6, first.get("quantity").asInt());
    assertEquals(2.55, first.get("price").asDouble());
    assertEquals("536365", first.get("order_id").asText());
    assertEquals(400, zone.allLines("clickstream/").stream().map(e -> e.get("session_id").asText()).distinct()
        .count());
  }

  @Test
  void cancellationsAreCancelledOrdersNotEvents() throws Exception {
    List<JsonNode> orders = zone.allLines("transactions/");
    Map<String, JsonNode> byId = new HashMap<>();
    orders.forEach(o -> byId.put(o.get("order_id").asText(), o));

    assertEquals(41, orders.size());
    assertEquals(98, orders.stream().mapToInt(o -> o.get("items").size()).sum());
    assertTrue(orders.stream().allMatch(o -> o.get("status").asText().equals("cancelled")));
    JsonNode plasters = byId.get("C536391");
    assertEquals("17548", plasters.get("customer_id").asText());
    assertEquals(Instant.parse("2010-12-01T10:24:00Z").toEpochMilli(), plasters.get("ordered_at").asLong());
    assertEquals(7, plasters.get("items").size());
    assertEquals("22556", plasters.get("items").get(0).get("product_id").asText());
    assertEquals(12, plasters.get("items").get(0).get("quantity").asInt());
    assertEquals("GBP", plasters.get("currency").asText());
    assertTrue(zone.allLines("clickstream/").stream().noneMatch(e -> e.get("order_id").asText().startsWith("C")));
  }

  @Test
  void quarantinesAnonymousAndServiceLinesWithTheirLineNumbers() throws Exception {
    Map<String, JsonNode> quarantine = zone.quarantine();

    assertEquals(2_322, quarantine.size());
    JsonNode anonymous = quarantine.get("transactions.csv:624");
    assertEquals("MISSING_FIELD", anonymous.get("reason").asText());
    assertEquals("CustomerID", anonymous.get("field").asText());
    assertEquals("536414,22139,,56,2010-12-01 11:52:00,0.0,,United Kingdom", anonymous.get("record").asText());
    JsonNode postage = quarantine.get("transactions.csv:47");
    assertEquals("INVALID_VALUE", postage.get("reason").asText());
    assertEquals("StockCode 'POST' is a service line (postage), not a product", postage.get("message").asText());
    assertEquals("INVALID_VALUE", quarantine.get("transactions.csv:143").get("reason").asText());
  }

  @Test
  void catalogKeepsQuotedDescriptionsWhole() throws Exception {
    Map<String, JsonNode> catalog = new HashMap<>();
    zone.lines("master/catalog/snapshot=2010-12-05/catalog.jsonl")
        .forEach(p -> catalog.put(p.get("product_id").asText(), p));

    assertEquals("AIRLINE LOUNGE,METAL SIGN", catalog.get("82567").get("name").asText());
    assertEquals("unknown", catalog.get("82567").get("category").asText());
    assertEquals("WHITE HANGING HEART T-LIGHT HOLDER", catalog.get("85123A").get("name").asText());
    assertEquals(Instant.parse("2010-12-01T08:26:00Z").toEpochMilli(), catalog.get("85123A").get("created_at")
        .asLong());
  }

  @Test
  void reimportingChangesNothing(@TempDir java.nio.file.Path dir) throws Exception {
    ImportedZone again = new ImportedZone(dir);
    again.run(Dataset.ONLINE_RETAIL, input);
    Map<String, Manifest> before = again.files();
    ImportReport second = again.run(Dataset.ONLINE_RETAIL, input);

    assertEquals(before, again.files());
    assertEquals(0, second.staleRemoved());
    assertEquals(report.summary(), second.summary());
    assertTrue(RawVerifier.verify(again.fs, again.root).ok());
  }
}
