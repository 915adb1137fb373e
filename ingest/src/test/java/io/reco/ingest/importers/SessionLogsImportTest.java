package io.reco.ingest.importers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.reco.ingest.raw.RawVerifier;
import io.reco.records.RejectReason;
import io.reco.records.avro.EventType;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The session click log importer on the three layouts of the public session benchmarks. */
class SessionLogsImportTest {
  @TempDir
  java.nio.file.Path dir;
  private ImportedZone zone;

  @BeforeEach
  void setUp() throws Exception {
    zone = new ImportedZone(dir);
  }

  private List<JsonNode> events() throws Exception {
    return zone.allLines("clickstream/").stream()
        .sorted(Comparator.comparing((JsonNode e) -> e.get("event_id").asText())).toList();
  }

  @Test
  void importsYoochooseClicksAsViewsOfTheirSession() throws Exception {
    ImportReport report = zone.run(Dataset.SESSIONS, ImportedZone.fixture("sessions/yoochoose-clicks.dat"));

    assertEquals(8, report.rowsRead());
    assertEquals(Map.of(EventType.view, 6L), report.eventsByType());
    assertEquals(Map.of(RejectReason.INVALID_TIMESTAMP, 1L, RejectReason.WRONG_COLUMN_COUNT, 1L),
        report.rejectsByReason());
    assertEquals(3, report.sessions());
    JsonNode first = events().get(0);
    assertEquals("1", first.get("user_id").asText());
    assertEquals("1", first.get("session_id").asText());
    assertEquals("214536502", first.get("product_id").asText());
    assertEquals(Instant.parse("2014-04-07T10:51:09.277Z").toEpochMilli(), first.get("timestamp").asLong());
  }

  @Test
  void quarantinesABadTimeNamingTheColumn() throws Exception {
    zone.run(Dataset.SESSIONS, ImportedZone.fixture("sessions/yoochoose-clicks.dat"));
    Map<String, String> reasons = new TreeMap<>();
    zone.quarantine().forEach((source, line) -> reasons.put(source, line.get("reason").asText() + " "
        + line.get("field").asText()));

    assertEquals(Map.of("yoochoose-clicks.dat:6", "INVALID_TIMESTAMP timestamp", "yoochoose-clicks.dat:8",
        "WRONG_COLUMN_COUNT null"), reasons);
    RawVerifier.Report verified = RawVerifier.verify(zone.fs, zone.root);
    assertTrue(verified.ok(), verified.findings().toString());
  }

  @Test
  void importsDigineticaViewsWithTheUserWhenNamed() throws Exception {
    ImportReport report = zone.run(Dataset.SESSIONS, ImportedZone.fixture("sessions/train-item-views.csv"));

    assertEquals(Map.of(EventType.view, 3L), report.eventsByType());
    assertEquals(Map.of(RejectReason.MISSING_FIELD, 1L), report.rejectsByReason());
    List<JsonNode> events = events();
    assertEquals("1", events.get(0).get("user_id").asText(), "NA: the session is the visitor");
    assertEquals("5", events.get(2).get("user_id").asText());
    assertEquals("2", events.get(2).get("session_id").asText());
    assertEquals(Instant.parse("2016-05-09T00:00:00Z").toEpochMilli() + 526_309, events.get(0).get("timestamp")
        .asLong());
  }

  @Test
  void importsAPreparedFileWithEpochSeconds() throws Exception {
    ImportReport report = zone.run(Dataset.SESSIONS, ImportedZone.fixture("sessions/prepared.txt"));

    assertEquals(3, report.eventsByType().get(EventType.view));
    assertEquals(2, report.sessions());
    List<JsonNode> events = events();
    assertEquals(1396860669277L, events.get(0).get("timestamp").asLong());
    assertEquals(1396437466000L, events.get(2).get("timestamp").asLong());
  }

  @Test
  void anUnknownLayoutIsRefusedNamingTheLayoutsAccepted() throws Exception {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> zone.run(Dataset.SESSIONS, ImportedZone.fixture("sessions/unknown.csv")));

    assertTrue(e.getMessage().contains("is not a session log: its first line is 'visitor,page,when'"),
        e.getMessage());
    assertTrue(e.getMessage().contains("YOOCHOOSE clicks") && e.getMessage().contains("DIGINETICA"), e.getMessage());
    assertTrue(zone.stagingEmpty());
  }
}
