package io.reco.ingest.transactions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reco.ingest.raw.RawVerifier;
import io.reco.records.InvalidRecordException;
import io.reco.records.RejectReason;
import io.reco.records.TransactionRows;
import io.reco.records.raw.Manifest;
import io.reco.records.raw.RawZone;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransactionsLandingTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T06:00:00Z"), ZoneOffset.UTC);
  private static final String ORDERS = """
      order_id,customer_id,ordered_at,status,total
      o1,c1,2026-11-20 23:59:59,placed,10.50
      o2,c2,2026-11-21T00:00:01Z,placed,"1,200.00"
      o3,c1,not a time,placed,3.00
      o4,c3,1795219200000,cancelled,4.00
      ,c4,2026-11-21 08:00:00,placed,5.00
      o6,c5,2026-11-21 09:00:00,placed
      """;
  private static final String ITEMS = """
      order_id,line_number,product_id,quantity,unit_price,ordered_at
      o1,1,p1,2,5.25,2026-11-20 23:59:59
      o2,1,p9,1,1200.00,2026-11-21T00:00:01+00:00
      """;

  @TempDir
  java.nio.file.Path dir;
  private FileSystem fs;
  private RawZone zone;
  private Path landing;
  private Path archive;
  private TransactionsLanding ingest;

  @BeforeEach
  void setUp() throws Exception {
    fs = FileSystem.getLocal(new Configuration());
    zone = new RawZone(new Path(dir.resolve("raw").toUri()));
    landing = new Path(dir.resolve("landing").toUri());
    archive = new Path(dir.resolve("archive").toUri());
    Files.createDirectories(dir.resolve("landing"));
    ingest = new TransactionsLanding(fs, zone, archive, CLOCK);
  }

  private void land(String name, String text) throws Exception {
    Files.writeString(dir.resolve("landing").resolve(name), text, StandardCharsets.UTF_8);
  }

  private String read(Path path) throws Exception {
    return Files.readString(java.nio.file.Path.of(path.toUri()));
  }

  @Test
  void splitsRowsByTransactionDateQuarantinesBadOnesAndArchivesTheFile() throws Exception {
    land("orders-20261121.csv", ORDERS);
    land("order-items-20261121.csv", ITEMS);
    List<TransactionsLanding.FileReport> reports = ingest.ingest(landing);

    assertEquals(2, reports.size());
    TransactionsLanding.FileReport items = reports.get(0);
    assertEquals("order_items", items.kind());
    assertEquals(Map.of("2026-11-20", 1L, "2026-11-21", 1L), items.perDate());
    TransactionsLanding.FileReport orders = reports.get(1);
    assertEquals("orders", orders.kind());
    assertEquals(6, orders.rows());
    assertEquals(3, orders.written());
    assertEquals(3, orders.quarantined());
    assertEquals(Map.of("2026-11-20", 1L, "2026-11-21", 2L), orders.perDate());

    String stem = orders.md5().substring(0, 12);
    Path day21 = new Path(zone.transactions(), "dt=2026-11-21/orders-" + stem + ".csv");
    assertEquals("order_id,customer_id,ordered_at,status,total\n"
        + "o2,c2,2026-11-21T00:00:01Z,placed,\"1,200.00\"\n"
        + "o4,c3,1795219200000,cancelled,4.00\n", read(day21));
    Manifest manifest = Manifest.read(fs, Manifest.pathOf(day21));
    assertEquals(2, manifest.records());
    assertEquals("2026-11-21T00:00:00Z", manifest.minEventTime());
    assertEquals(Map.of("file", "orders-20261121.csv", "md5", orders.md5(), "kind", "orders"), manifest.source());

    String rejects = read(new Path(zone.quarantine("transactions", CLOCK.instant().atZone(ZoneOffset.UTC)
        .toLocalDate()), "orders-" + stem + ".jsonl"));
    assertTrue(rejects.contains("\"reason\":\"INVALID_TIMESTAMP\",\"field\":\"ordered_at\","
        + "\"source\":\"orders-20261121.csv:4\""), rejects);
    assertTrue(rejects.contains("\"reason\":\"MISSING_FIELD\",\"field\":\"order_id\","
        + "\"source\":\"orders-20261121.csv:6\""), rejects);
    assertTrue(rejects.contains("\"reason\":\"WRONG_COLUMN_COUNT\""), rejects);
    assertTrue(rejects.contains("\"record\":\"o3,c1,not a time,placed,3.00\""), rejects);

    assertFalse(fs.exists(new Path(landing, "orders-20261121.csv")));
    assertEquals(ORDERS, read(new Path(archive, "dt=2026-11-22/orders-20261121.csv")));
    RawVerifier.Report report = RawVerifier.verify(fs, zone.root());
    assertTrue(report.ok(), report.findings().toString());
    assertEquals(8, report.records());
  }

  @Test
  void aRerunDoesNothingAndARedeliveryIsRecognisedByChecksum() throws Exception {
    land("orders-a.csv", ORDERS);
    ingest.ingest(landing);
    long filesBefore = fs.listFiles(zone.root(), true).hasNext() ? count() : 0;

    assertEquals(List.of(), ingest.ingest(landing));

    land("orders-a-resent.csv", ORDERS);
    List<TransactionsLanding.FileReport> again = ingest.ingest(landing);
    assertEquals(TransactionsLanding.Status.ALREADY_INGESTED, again.get(0).status());
    assertEquals(filesBefore, count());
    assertTrue(fs.exists(new Path(archive, "dt=2026-11-22/orders-a-resent.csv")));
    assertFalse(fs.exists(new Path(landing, "orders-a-resent.csv")));
  }

  private long count() throws Exception {
    long n = 0;
    var it = fs.listFiles(zone.root(), true);
    while (it.hasNext()) {
      it.next();
      n++;
    }
    return n;
  }

  @Test
  void aFileWithAnUnknownHeaderIsQuarantinedWholeNotLost() throws Exception {
    land("mystery.csv", "a,b\n1,2\n3,4\n");
    TransactionsLanding.FileReport report = ingest.ingest(landing).get(0);
    assertEquals(2, report.quarantined());
    assertEquals(0, report.written());
  }

  @Test
  void timestampsInEveryAcceptedFormParse() throws Exception {
    long expected = Instant.parse("2026-11-21T08:00:00Z").toEpochMilli();
    assertEquals(expected, TransactionRows.parseTime("2026-11-21 08:00:00"));
    assertEquals(expected, TransactionRows.parseTime("2026-11-21T08:00:00"));
    assertEquals(expected, TransactionRows.parseTime("2026-11-21T09:00:00+01:00"));
    assertEquals(expected, TransactionRows.parseTime("" + expected));
    InvalidRecordException e = assertThrows(InvalidRecordException.class,
        () -> TransactionRows.parseTime("21/11/2026"));
    assertEquals(RejectReason.INVALID_TIMESTAMP, e.reason());
  }
}
