package io.reco.ingest.importers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.reco.ingest.raw.RawVerifier;
import io.reco.records.RejectReason;
import io.reco.records.avro.EventType;
import io.reco.records.raw.Manifest;
import io.reco.records.raw.RawFileWriter;
import io.reco.records.raw.RawZone;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The REES46 importer on the shared sample: the first 17,435 rows of October 2019. The sample is imported once for
 * the tests that only read the result; tests that change the zone import into their own.
 */
class Rees46ImportTest {
  @TempDir
  static java.nio.file.Path shared;
  private static ImportedZone zone;
  private static Path input;
  private static ImportReport report;

  @BeforeAll
  static void importOnce() throws Exception {
    java.nio.file.Path sample = ImportedZone.sharedData("rees46-2019-10-head");
    input = new Path(sample.resolve("events.csv").toUri());
    zone = new ImportedZone(shared);
    report = zone.run(Dataset.REES46, input);
  }

  @Test
  void importsTheSampleWithExactCounts() throws Exception {

    // the README's 17,434 counts lines with a line break: the last row has none, and is cut short
    assertEquals(17_435, report.rowsRead());
    assertEquals(17_055, report.events(EventType.view));
    assertEquals(165, report.events(EventType.add_to_cart));
    assertEquals(214, report.events(EventType.purchase));
    assertEquals(0, report.events(EventType.remove_from_cart));
    assertEquals(17_434, report.events());
    assertEquals(Map.of(RejectReason.WRONG_COLUMN_COUNT, 1L), report.rejectsByReason());
    assertEquals(4_504, report.users(), "4,505 with the cut-short user id of the rejected row");
    assertEquals(6_493, report.products());
    assertEquals(6_493, report.catalogProducts());
    assertEquals("snapshot=2019-10-01", report.catalogSnapshot());
    assertEquals(5, report.files().size());
    assertTrue(report.summary().startsWith("import rees46 events.csv (md5 " + report.inputMd5().substring(0, 12)
        + "): 17435 rows = 17434 events {view=17055, add_to_cart=165, purchase=214} + 0 cancellations"
        + " + 1 rejected {WRONG_COLUMN_COUNT=1}; 4504 users, 6493 products; catalog 6493 products in"
        + " snapshot=2019-10-01; 5 files written"), report.summary());
  }

  @Test
  void writesHourPartitionsQuarantineAndCatalogThatAllVerify() throws Exception {
    String name = "rees46-" + report.inputMd5().substring(0, 12) + ".jsonl.gz";
    Map<String, Manifest> files = zone.files();

    assertEquals(List.of("clickstream/dt=2019-10-01/hour=00/" + name, "clickstream/dt=2019-10-01/hour=01/" + name,
        "clickstream/dt=2019-10-01/hour=02/" + name, "master/catalog/snapshot=2019-10-01/catalog.jsonl",
        "quarantine/rees46/dt=2026-11-22/" + name), List.copyOf(files.keySet()));
    assertEquals(1_083, files.get("clickstream/dt=2019-10-01/hour=00/" + name).records());
    assertEquals(121, files.get("clickstream/dt=2019-10-01/hour=01/" + name).records());
    assertEquals(16_230, files.get("clickstream/dt=2019-10-01/hour=02/" + name).records());
    Manifest hour0 = files.get("clickstream/dt=2019-10-01/hour=00/" + name);
    assertEquals("2019-10-01T00:00:00Z", hour0.minEventTime());
    assertEquals("clickstream", hour0.kind());
    assertEquals(report.inputMd5(), hour0.source().get("input_md5"));
    assertEquals("rees46", hour0.source().get("dataset"));

    RawVerifier.Report verified = RawVerifier.verify(zone.fs, zone.root);
    assertTrue(verified.ok(), verified.findings().toString());
    assertEquals(5, verified.verified());
    assertEquals(17_434 + 1 + 6_493, verified.records());
    assertEquals("snapshot=2019-10-01",
        new RawZone(zone.root).latestSnapshot(zone.fs, "catalog").getName());
  }

  @Test
  void eventsCarryDeterministicIdsSessionsAndUtcTimes() throws Exception {
    List<JsonNode> events = zone.allLines("clickstream/");

    JsonNode first = events.get(0);
    String prefix = "rees46:" + report.inputMd5().substring(0, 12) + ":";
    assertEquals(prefix + "2", first.get("event_id").asText());
    assertEquals("541312140", first.get("user_id").asText());
    assertEquals("44600062", first.get("product_id").asText());
    assertEquals("view", first.get("event_type").asText());
    assertEquals(Instant.parse("2019-10-01T00:00:00Z").toEpochMilli(), first.get("timestamp").asLong());
    assertEquals("72d76fde-8bb3-4e00-8c23-a032dfed738c", first.get("session_id").asText());
    assertEquals(35.79, first.get("price").asDouble());

    Set<String> ids = new HashSet<>();
    Set<String> users = new HashSet<>();
    Set<String> products = new HashSet<>();
    for (JsonNode e : events) {
      assertTrue(ids.add(e.get("event_id").asText()), "duplicate " + e);
      users.add(e.get("user_id").asText());
      products.add(e.get("product_id").asText());
    }
    assertEquals(17_434, ids.size());
    assertEquals(4_504, users.size());
    assertEquals(6_493, products.size());
    assertEquals(214, events.stream().filter(e -> e.get("event_type").asText().equals("purchase")).count());
  }

  @Test
  void quarantinesTheCutShortLastRowWithItsLineNumber() throws Exception {
    Map<String, JsonNode> quarantine = zone.quarantine();

    JsonNode rejected = quarantine.get("events.csv:17436");
    assertNotNull(rejected, quarantine.keySet().toString());
    assertEquals(1, quarantine.size());
    assertEquals("WRONG_COLUMN_COUNT", rejected.get("reason").asText());
    assertEquals("expected 9 columns (event_time,event_type,product_id,category_id,category_code,brand,price,"
        + "user_id,user_session), found 8", rejected.get("message").asText());
    assertEquals("2019-10-01 02:50:00 UTC,view,10900305,2053013555069845885,appliances.kitchen.mixer,elenberg,"
        + "25.71,52040330", rejected.get("record").asText());
  }

  @Test
  void catalogFillsNameAndCategoryFromBrandAndCategoryCode() throws Exception {
    Map<String, JsonNode> catalog = new java.util.HashMap<>();
    for (JsonNode product : zone.lines("master/catalog/snapshot=2019-10-01/catalog.jsonl")) {
      catalog.put(product.get("product_id").asText(), product);
    }

    JsonNode heater = catalog.get("3900821");
    assertEquals("aqua appliances.environment.water_heater", heater.get("name").asText());
    assertEquals("appliances", heater.get("category").asText());
    assertEquals("environment.water_heater", heater.get("subcategory").asText());
    assertEquals("aqua", heater.get("brand").asText());
    assertEquals(33.20, heater.get("price").asDouble());
    assertEquals("2053013552326770905", heater.get("attributes").get("category_id").asText());
    JsonNode cream = catalog.get("44600062");
    assertEquals("shiseido", cream.get("name").asText());
    assertEquals("unknown", cream.get("category").asText());
    assertEquals(Instant.parse("2019-10-01T00:00:00Z").toEpochMilli(), cream.get("created_at").asLong());
    assertEquals(2_901, catalog.values().stream().filter(p -> p.get("category").asText().equals("unknown")).count());
    assertEquals(836, catalog.values().stream().filter(p -> p.get("name").asText().startsWith("product ")).count());
    for (JsonNode e : zone.allLines("clickstream/")) {
      assertTrue(catalog.containsKey(e.get("product_id").asText()), e.toString());
    }
  }

  @Test
  void reimportingReplacesTheSameFilesAndRemovesStaleOnes(@TempDir java.nio.file.Path dir) throws Exception {
    ImportedZone zone = new ImportedZone(dir);
    ImportReport first = zone.run(Dataset.REES46, input);
    Map<String, Manifest> before = zone.files();
    String name = "rees46-" + first.inputMd5().substring(0, 12) + ".jsonl.gz";
    // a file of this input where this input has no events, as an older importer might have left
    Path stale = new Path(new RawZone(zone.root).clickstreamHour(Instant.parse("2019-10-02T05:00:00Z")
        .toEpochMilli()), name);
    try (RawFileWriter writer = RawFileWriter.create(zone.fs, stale)) {
      writer.write("{}", 0L);
      writer.commit("clickstream", Map.of(), ImportedZone.CLOCK);
    }

    ImportReport second = zone.run(Dataset.REES46, input);

    assertEquals(before, zone.files(), "same files, same bytes, same manifests");
    assertEquals(1, second.staleRemoved());
    assertFalse(zone.fs.exists(stale));
    assertEquals(first.summary(), second.summary().replace(", 1 stale removed", ""));
    RawVerifier.Report verified = RawVerifier.verify(zone.fs, zone.root);
    assertTrue(verified.ok(), verified.findings().toString());
    assertEquals(17_434 + 1 + 6_493, verified.records());
    assertTrue(zone.stagingEmpty());
  }

  @Test
  void refusesToOverwriteAnotherDatasetsCatalogAndPublishesNothing(@TempDir java.nio.file.Path dir) throws Exception {
    ImportedZone zone = new ImportedZone(dir);
    Path snapshot = new RawZone(zone.root).snapshot("catalog", java.time.LocalDate.parse("2019-10-01"));
    try (RawFileWriter writer = RawFileWriter.create(zone.fs, new Path(snapshot, StagedOutputs.CATALOG_FILE))) {
      writer.write("{}");
      writer.commit("catalog", Map.of("dataset", "online-retail"), ImportedZone.CLOCK);
    }

    IllegalStateException e = assertThrows(IllegalStateException.class, () -> zone.run(Dataset.REES46, input));

    assertEquals("catalog " + snapshot + " holds dataset 'online-retail', not 'rees46': import each dataset into "
        + "a raw zone of its own", e.getMessage());
    assertEquals(List.of("master/catalog/snapshot=2019-10-01/catalog.jsonl"), List.copyOf(zone.files().keySet()));
    assertTrue(zone.stagingEmpty());
  }
}
