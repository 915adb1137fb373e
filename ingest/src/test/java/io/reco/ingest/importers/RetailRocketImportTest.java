package io.reco.ingest.importers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.reco.ingest.raw.RawVerifier;
import io.reco.records.RejectReason;
import io.reco.records.avro.EventType;
import io.reco.records.raw.Manifest;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The RetailRocket importer on hand-made fixtures: good rows and broken ones side by side, not in time order. */
class RetailRocketImportTest {
  private static final Path EVENTS = ImportedZone.fixture("retailrocket/events.csv");
  private static final Path ITEMS = ImportedZone.fixture("retailrocket/item_properties.csv");

  @TempDir
  java.nio.file.Path dir;
  private ImportedZone zone;

  @BeforeEach
  void setUp() throws Exception {
    zone = new ImportedZone(dir);
  }

  @Test
  void importsEventsAndCatalogAndQuarantinesBrokenRowsOfBothFiles() throws Exception {
    ImportReport report = zone.run(Dataset.RETAILROCKET, EVENTS, ITEMS);

    assertEquals(16, report.rowsRead());
    assertEquals(Map.of(EventType.view, 6L, EventType.add_to_cart, 1L, EventType.purchase, 1L),
        report.eventsByType());
    assertEquals(Map.of(RejectReason.INVALID_TIMESTAMP, 1L, RejectReason.UNKNOWN_EVENT_TYPE, 1L,
        RejectReason.MISSING_FIELD, 2L, RejectReason.WRONG_TYPE, 2L, RejectReason.WRONG_COLUMN_COUNT, 1L,
        RejectReason.INVALID_VALUE, 1L), report.rejectsByReason());
    assertEquals(4, report.users());
    assertEquals(4, report.products());
    assertEquals(6, report.sessions());
    assertEquals(12, report.itemRowsRead());
    assertEquals(5, report.itemRowsUsed());
    assertEquals(2, report.itemRowsIgnored());
    assertEquals(Map.of(RejectReason.INVALID_VALUE, 1L, RejectReason.WRONG_TYPE, 2L, RejectReason.MISSING_FIELD, 1L,
        RejectReason.WRONG_COLUMN_COUNT, 1L), report.itemRejectsByReason());
    assertEquals(5, report.catalogProducts());
    assertEquals("snapshot=2015-09-06", report.catalogSnapshot());

    Map<String, String> reasons = new TreeMap<>();
    zone.quarantine().forEach((source, line) -> reasons.put(source, line.get("reason").asText()));
    Map<String, String> expected = new TreeMap<>(Map.ofEntries(
        Map.entry("events.csv:9", "INVALID_TIMESTAMP"), Map.entry("events.csv:10", "UNKNOWN_EVENT_TYPE"),
        Map.entry("events.csv:11", "MISSING_FIELD"), Map.entry("events.csv:12", "MISSING_FIELD"),
        Map.entry("events.csv:13", "WRONG_TYPE"), Map.entry("events.csv:14", "WRONG_COLUMN_COUNT"),
        Map.entry("events.csv:15", "INVALID_VALUE"), Map.entry("events.csv:16", "WRONG_TYPE"),
        Map.entry("item_properties.csv:8", "INVALID_VALUE"), Map.entry("item_properties.csv:9", "WRONG_TYPE"),
        Map.entry("item_properties.csv:10", "WRONG_TYPE"), Map.entry("item_properties.csv:11", "MISSING_FIELD"),
        Map.entry("item_properties.csv:12", "WRONG_COLUMN_COUNT")));
    assertEquals(expected, reasons);
    JsonNode seconds = zone.quarantine().get("events.csv:9");
    assertEquals("timestamp", seconds.get("field").asText());
    assertEquals("1433221332,111016,view,318965,", seconds.get("record").asText());
    assertEquals("field 'timestamp' = '1433221332' is 1970-01-17T14:07:01.332Z, outside 1990-01-01T00:00:00Z .. "
        + "2026-11-22T11:00:00Z", seconds.get("message").asText());

    RawVerifier.Report verified = RawVerifier.verify(zone.fs, zone.root);
    assertTrue(verified.ok(), verified.findings().toString());
    assertEquals(8 + 13 + 5, verified.records());
  }

  @Test
  void derivesSessionsByInactivityWhateverTheFileOrder() throws Exception {
    ImportReport report = zone.run(Dataset.RETAILROCKET, EVENTS);
    Map<String, String> sessionByLine = new HashMap<>();
    String prefix = "retailrocket:" + report.inputMd5().substring(0, 12) + ":";
    for (JsonNode e : zone.allLines("clickstream/")) {
      sessionByLine.put(e.get("event_id").asText().substring(prefix.length()), e.get("session_id").asText());
    }

    assertEquals(8, sessionByLine.size());
    // visitor 257597: 05:02, 05:13, 05:15 one session; the next day another
    assertEquals("retailrocket:257597:1433221332117", sessionByLine.get("2"));
    assertEquals("retailrocket:257597:1433221332117", sessionByLine.get("4"));
    assertEquals("retailrocket:257597:1433221332117", sessionByLine.get("5"));
    assertEquals("retailrocket:257597:1433300000000", sessionByLine.get("7"));
    // visitor 992329: 05:50 comes first in the file, 05:10 last; 40 minutes apart, two sessions
    assertEquals("retailrocket:992329:1433224214164", sessionByLine.get("3"));
    assertEquals("retailrocket:992329:1433221800000", sessionByLine.get("17"));
    JsonNode purchase = zone.allLines("clickstream/").stream()
        .filter(e -> e.get("event_type").asText().equals("purchase")).findFirst().orElseThrow();
    assertEquals("4000", purchase.get("order_id").asText());
    assertEquals(0, report.catalogProducts(), "no catalog without item properties");
    assertEquals(List.of(), zone.files("master/"));
  }

  @Test
  void withOneOpenFileUnsortedHoursAreMergedIntoOneFilePerHour(@TempDir java.nio.file.Path other) throws Exception {
    ImportSettings oneFile = new ImportSettings(1, Duration.ofMinutes(30), 4.0f);
    ImportReport report = zone.run(oneFile, Dataset.RETAILROCKET, EVENTS, ITEMS);
    String name = "retailrocket-" + report.inputMd5().substring(0, 12) + ".jsonl.gz";
    Map<String, Manifest> files = zone.files();

    assertEquals(1, report.mergedPartitions());
    assertEquals(7, files.get("clickstream/dt=2015-06-02/hour=05/" + name).records());
    assertEquals("2015-06-02T05:02:12.117Z", files.get("clickstream/dt=2015-06-02/hour=05/" + name).minEventTime());
    assertEquals("2015-06-02T05:50:14.164Z", files.get("clickstream/dt=2015-06-02/hour=05/" + name).maxEventTime());
    assertEquals(1, files.get("clickstream/dt=2015-06-03/hour=02/" + name).records());
    assertEquals(2, zone.files("clickstream/").size());
    assertTrue(RawVerifier.verify(zone.fs, zone.root).ok());
    assertTrue(zone.stagingEmpty(), "staging is cleaned up");

    ImportedZone sorted = new ImportedZone(other);
    sorted.run(Dataset.RETAILROCKET, EVENTS, ITEMS);
    assertEquals(sorted.allLines("clickstream/dt=2015-06-02/hour=05/").stream().map(JsonNode::toString).sorted()
        .toList(), zone.allLines("clickstream/dt=2015-06-02/hour=05/").stream().map(JsonNode::toString).sorted()
        .toList());
  }

  @Test
  void catalogTakesTheLatestCategoryAndAvailability() throws Exception {
    zone.run(Dataset.RETAILROCKET, EVENTS, ITEMS);
    Map<String, JsonNode> catalog = new HashMap<>();
    zone.lines("master/catalog/snapshot=2015-09-06/catalog.jsonl")
        .forEach(p -> catalog.put(p.get("product_id").asText(), p));

    assertEquals(List.of("248676", "253185", "355908", "367447", "999999"), catalog.keySet().stream().sorted()
        .toList());
    assertEquals("1200", catalog.get("355908").get("category").asText());
    assertFalse(catalog.get("355908").get("in_stock").asBoolean());
    assertEquals(1433041200000L, catalog.get("355908").get("created_at").asLong());
    assertEquals("item 355908", catalog.get("355908").get("name").asText());
    assertEquals("491", catalog.get("248676").get("category").asText());
    assertEquals("unknown", catalog.get("253185").get("category").asText());
    assertEquals(1433221955914L, catalog.get("253185").get("created_at").asLong(), "first seen in an event");
  }
}
