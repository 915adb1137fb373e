package io.reco.changes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reco.ingest.master.MasterEntity;
import io.reco.ingest.master.MasterSnapshots;
import io.reco.records.raw.RawFileWriter;
import io.reco.records.raw.RawZone;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Journaled changes merged into the next catalog and customers snapshots, on the local file system. */
class SnapshotMergeTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final LocalDate EXPORTED = LocalDate.of(2026, 12, 1);
  private static final LocalDate MERGED = LocalDate.of(2026, 12, 2);
  private static final long DEC_1 = EXPORTED.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-02T06:00:00Z"), ZoneOffset.UTC);

  @TempDir
  Path dir;
  private FileSystem fs;
  private RawZone zone;

  @BeforeEach
  void zone() throws Exception {
    fs = FileSystem.getLocal(new Configuration());
    zone = new RawZone(new org.apache.hadoop.fs.Path(dir.resolve("raw").toUri()));
  }

  private void export(MasterEntity entity, String... rows) throws Exception {
    MasterSnapshots snapshots = new MasterSnapshots(fs, zone, entity.id());
    org.apache.hadoop.fs.Path staging = snapshots.prepare(EXPORTED);
    try (RawFileWriter out = RawFileWriter.create(fs, new org.apache.hadoop.fs.Path(staging, entity.fileName()))) {
      for (String row : rows) {
        out.write(row);
      }
      out.commit(entity.id(), Map.of("file", "export.csv"), CLOCK);
    }
    snapshots.install(EXPORTED);
    snapshots.publish(EXPORTED);
  }

  private void journal(MasterEntity entity, long firstOffset, ChangeJournal.Entry... entries) throws Exception {
    ChangeJournal.write(fs, ChangeJournal.file(zone, entity.id(), MERGED, "shop.public." + entity.id(), 0,
        firstOffset), List.of(entries), Map.of("topic", "t"), CLOCK);
  }

  private static ChangeJournal.Entry customer(String id, long position, long time, String segment) throws Exception {
    return new ChangeJournal.Entry(id, ChangeJournal.Op.UPSERT, position, time,
        JSON.readTree("{\"customer_id\":\"" + id + "\",\"segment\":\"" + segment + "\",\"preferences\":{}}"));
  }

  private static ChangeJournal.Entry delete(String id, long position, long time) {
    return new ChangeJournal.Entry(id, ChangeJournal.Op.DELETE, position, time, null);
  }

  private Map<String, JsonNode> rows(org.apache.hadoop.fs.Path snapshot, String file) throws Exception {
    Map<String, JsonNode> rows = new LinkedHashMap<>();
    Path local = Path.of(new org.apache.hadoop.fs.Path(snapshot, file).toUri());
    if (!Files.exists(local)) {
      return rows;
    }
    for (String line : Files.readAllLines(local)) {
      JsonNode row = JSON.readTree(line);
      rows.put(row.path(row.has("product_id") ? "product_id" : "customer_id").asText(), row);
    }
    return rows;
  }

  @Test
  void customersTakeTheirLatestChangeAndADeletedOneIsErasedUntilCreatedAgain() throws Exception {
    export(MasterEntity.CUSTOMERS, "{\"customer_id\":\"c1\",\"segment\":\"new\"}",
        "{\"customer_id\":\"c2\",\"segment\":\"new\"}", "{\"customer_id\":\"c3\",\"segment\":\"new\"}");
    journal(MasterEntity.CUSTOMERS, 0,
        customer("c1", 5, DEC_1 - 3_600_000, "stale"), // before the export's date: in it already
        customer("c2", 20, DEC_1 + 2000, "vip"),
        customer("c2", 10, DEC_1 + 1000, "regular"), // older position, landed later: superseded
        delete("c3", 30, DEC_1 + 3000),
        customer("c4", 40, DEC_1 + 4000, "new"));
    journal(MasterEntity.CUSTOMERS, 5, customer("c2", 20, DEC_1 + 2000, "vip")); // the same change, replayed

    SnapshotMerge.Result r = SnapshotMerge.merge(fs, zone, MasterEntity.CUSTOMERS, MERGED, CLOCK);
    assertEquals(6, r.changes());
    assertEquals(r.changes(), r.applied() + r.superseded() + r.before() + r.orphanPatches(), r.toString());
    assertEquals(List.of(1L, 2L, 3L, 1L, 1L), List.of(r.before(), r.superseded(), r.applied(), r.deletes(),
        r.erased()));
    assertEquals(zone.snapshot("customers", MERGED), r.snapshot());
    assertEquals(zone.snapshot("customers", MERGED), zone.latestSnapshot(fs, "customers"));
    Map<String, JsonNode> rows = rows(r.snapshot(), "customers.jsonl");
    assertEquals(List.of("c1", "c2", "c4"), List.copyOf(rows.keySet()));
    assertEquals("new", rows.get("c1").path("segment").asText());
    assertEquals("vip", rows.get("c2").path("segment").asText());
    assertEquals(List.of("c3"), List.copyOf(rows(r.snapshot(), RawZone.ERASED).keySet()));
    assertTrue(rows(r.snapshot(), RawZone.ERASED).get("c3").path("erased").asBoolean());

    // the next merge reads only what came after, carries the erasure on, and lifts it for a customer created again
    SnapshotMerge.Result none = SnapshotMerge.merge(fs, zone, MasterEntity.CUSTOMERS, MERGED.plusDays(1), CLOCK);
    assertEquals(r.snapshot(), none.snapshot(), "nothing new: no snapshot written");
    journal(MasterEntity.CUSTOMERS, 6, delete("c1", 50, DEC_1 + 5000));
    SnapshotMerge.Result next = SnapshotMerge.merge(fs, zone, MasterEntity.CUSTOMERS, MERGED.plusDays(1), CLOCK);
    assertEquals(List.of("c2", "c4"), List.copyOf(rows(next.snapshot(), "customers.jsonl").keySet()));
    assertEquals(List.of("c1", "c3"), List.copyOf(rows(next.snapshot(), RawZone.ERASED).keySet()).stream().sorted()
        .toList());
    journal(MasterEntity.CUSTOMERS, 7, customer("c3", 60, DEC_1 + 6000, "back"));
    SnapshotMerge.Result again = SnapshotMerge.merge(fs, zone, MasterEntity.CUSTOMERS, MERGED.plusDays(2), CLOCK);
    assertEquals("back", rows(again.snapshot(), "customers.jsonl").get("c3").path("segment").asText());
    assertEquals(List.of("c1"), List.copyOf(rows(again.snapshot(), RawZone.ERASED).keySet()));
  }

  @Test
  void productsArePatchedAndADeletedOneStaysInactiveAndOutOfStock() throws Exception {
    export(MasterEntity.CATALOG, "{\"product_id\":\"p1\",\"name\":\"One\",\"price\":10.0,\"is_active\":true,"
        + "\"in_stock\":true}", "{\"product_id\":\"p2\",\"name\":\"Two\",\"price\":5.0,\"is_active\":true}");
    journal(MasterEntity.CATALOG, 0,
        new ChangeJournal.Entry("p1", ChangeJournal.Op.PATCH, 1, DEC_1 + 1000,
            JSON.readTree("{\"price\":12.5,\"in_stock\":false}")),
        delete("p2", 2, DEC_1 + 2000),
        new ChangeJournal.Entry("p9", ChangeJournal.Op.PATCH, 3, DEC_1 + 3000, JSON.readTree("{\"price\":1}")));
    SnapshotMerge.Result r = SnapshotMerge.merge(fs, zone, MasterEntity.CATALOG, MERGED, CLOCK);
    assertEquals(1, r.orphanPatches(), "p9 is in no snapshot: nothing to patch");
    Map<String, JsonNode> rows = rows(r.snapshot(), "catalog.jsonl");
    assertEquals(List.of("p1", "p2"), List.copyOf(rows.keySet()));
    assertEquals(12.5, rows.get("p1").path("price").asDouble());
    assertFalse(rows.get("p1").path("in_stock").asBoolean());
    assertEquals("One", rows.get("p1").path("name").asText(), "the fields no change names stay");
    assertFalse(rows.get("p2").path("is_active").asBoolean(true));
    assertFalse(Files.exists(Path.of(new org.apache.hadoop.fs.Path(r.snapshot(), RawZone.ERASED).toUri())));
  }
}
