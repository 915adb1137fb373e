package io.reco.jobs.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reco.ingest.raw.RawVerifier;
import io.reco.records.EventJson;
import io.reco.records.Settings;
import io.reco.records.avro.EventType;
import io.reco.records.avro.InteractionEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShopGeneratorTest {
  private static final ShopGenerator.Settings SETTINGS =
      new ShopGenerator.Settings(7, 30_000, LocalDate.of(2026, 11, 1), 2, 0, 0);

  @TempDir
  Path dir;

  @Test
  void sameSeedSameFilesAndEveryEventSitsInItsHourPartition() throws Exception {
    ShopGenerator.Summary first = generate(dir.resolve("a"));
    ShopGenerator.Summary second = generate(dir.resolve("b"));
    assertEquals(first, new ShopGenerator.Summary(second.events(), second.byType(), second.sessions(),
        second.products(), second.users(), second.partitions(), first.clickstream()));
    List<Path> filesA = dataFiles(dir.resolve("a"));
    assertEquals(first.partitions(), filesA.size());
    assertEquals(48, filesA.size(), "two days of hour partitions");

    long events = 0;
    Set<String> ids = new HashSet<>();
    for (Path file : filesA) {
      Path twin = dir.resolve("b").resolve(dir.resolve("a").relativize(file));
      assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(twin), "byte-identical " + file);
      String hourDir = file.getParent().getParent().getFileName() + "/" + file.getParent().getFileName();
      for (String line : Files.readAllLines(file)) {
        InteractionEvent e = EventJson.parse(line);
        Instant t = Instant.ofEpochMilli(e.getTimestamp());
        assertEquals(String.format("dt=%s/hour=%02d", LocalDate.ofInstant(t, ZoneOffset.UTC),
            t.atZone(ZoneOffset.UTC).getHour()), hourDir);
        assertTrue(ids.add(e.getEventId()), "event ids are unique");
        events++;
      }
    }
    assertEquals(first.events(), events);
    assertTrue(events >= 30_000 && events < 30_030, "about the events asked for: " + events);
  }

  @Test
  void funnelHasRealisticRates() throws Exception {
    ShopGenerator.Summary s = generate(dir);
    assertTrue(s.purchaseShare() > 0.01 && s.purchaseShare() < 0.025, "purchases " + s.purchaseShare());
    long views = s.byType().get(EventType.view);
    long carts = s.byType().get(EventType.add_to_cart);
    assertTrue(views > carts * 8 && carts > s.byType().get(EventType.purchase), s.byType().toString());
    assertEquals(750, s.products());
    assertEquals(1_200, s.users());
    assertEquals(750, Files.readAllLines(latest(dir, "catalog")).size());
    assertEquals(1_200, Files.readAllLines(latest(dir, "customers")).size());
    FileSystem fs = FileSystem.getLocal(new Configuration());
    RawVerifier.Report verified = RawVerifier.verify(fs, new org.apache.hadoop.fs.Path(dir.resolve("raw").toUri()));
    assertTrue(verified.ok(), verified.findings().toString());
    assertEquals(s.events() + 750 + 1_200, verified.records());
  }

  /** The data file of the newest snapshot of {@code entity}, found through its {@code _LATEST} pointer. */
  static Path latest(Path root, String entity) throws Exception {
    Path dir = root.resolve("raw/master").resolve(entity);
    return dir.resolve(Files.readString(dir.resolve("_LATEST")).trim()).resolve(entity + ".jsonl");
  }

  private static ShopGenerator.Summary generate(Path root) throws Exception {
    FileSystem fs = FileSystem.getLocal(new Configuration());
    return new ShopGenerator(fs, new org.apache.hadoop.fs.Path(root.toUri()), SETTINGS).generate();
  }

  private static List<Path> dataFiles(Path root) throws Exception {
    try (Stream<Path> files = Files.walk(root.resolve("raw/clickstream"))) {
      return files.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList();
    }
  }
}
