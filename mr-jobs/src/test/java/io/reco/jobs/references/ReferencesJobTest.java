package io.reco.jobs.references;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reco.jobs.common.LocalJobs;
import io.reco.records.avro.EventType;
import io.reco.records.avro.InteractionEvent;
import io.reco.records.raw.RawFileWriter;
import io.reco.records.raw.RawZone;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The catalog join on LocalJobRunner: events of active, inactive and unknown products. */
class ReferencesJobTest {
  private static final long T0 = Instant.parse("2026-11-20T10:00:00Z").toEpochMilli();
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T00:00:00Z"), ZoneOffset.UTC);

  @TempDir
  Path dir;

  private static InteractionEvent event(String id, String product) {
    return InteractionEvent.newBuilder().setEventId(id).setUserId("u1").setProductId(product)
        .setEventType(EventType.view).setTimestamp(T0).setSessionId("s1").build();
  }

  @Test
  void eventsOfUnknownProductsAreQuarantinedAndOfInactiveOnesSetAside() throws Exception {
    Files.createDirectories(dir.resolve("silver/dt=2026-11-20"));
    try (DataFileWriter<InteractionEvent> out =
             new DataFileWriter<>(new SpecificDatumWriter<>(InteractionEvent.class))) {
      out.create(InteractionEvent.getClassSchema(), dir.resolve("silver/dt=2026-11-20/part-r-00000.avro").toFile());
      for (InteractionEvent e : List.of(event("e1", "p1"), event("e2", "p1"), event("e3", "p2"), event("e4", "p9"),
          event("e5", "p1"), event("e6", "p2"))) {
        out.append(e);
      }
    }
    FileSystem fs = FileSystem.getLocal(new Configuration());
    RawZone zone = new RawZone(new org.apache.hadoop.fs.Path(dir.resolve("raw").toUri()));
    org.apache.hadoop.fs.Path snapshot = zone.snapshot("catalog", LocalDate.of(2026, 11, 21));
    try (RawFileWriter catalog = RawFileWriter.create(fs, new org.apache.hadoop.fs.Path(snapshot, "catalog.jsonl"))) {
      catalog.write("{\"product_id\":\"p1\",\"name\":\"One\",\"category\":\"c\",\"price\":1.0,\"created_at\":0}");
      catalog.write("{\"product_id\":\"p2\",\"name\":\"Two\",\"category\":\"c\",\"price\":1.0,\"created_at\":0,"
          + "\"is_active\":false}");
      catalog.write("{\"product_id\":\"p3\",\"name\":\"Three\",\"category\":\"c\",\"price\":1.0,\"created_at\":0}");
      catalog.commit("catalog", Map.of(), CLOCK);
    }
    zone.publishLatest(fs, "catalog", snapshot);

    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    PrintStream stdout = System.out;
    ReferencesJob tool = new ReferencesJob();
    tool.setConf(LocalJobs.configure(new Configuration(), dir.resolve("tmp")));
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    try {
      assertEquals(0, tool.run(new String[] {"--input", dir.resolve("silver").toString(), "--raw",
          zone.root().toString(), "--output", dir.resolve("out").toString()}));
    } finally {
      System.setOut(stdout);
    }
    String out = printed.toString(StandardCharsets.UTF_8);
    assertTrue(out.contains("read 6 events against 3 catalog rows: 3 clean, 1 of unknown product_id, 2 of inactive"),
        out);

    TreeSet<String> silver = new TreeSet<>();
    List<String> inactive = new ArrayList<>();
    List<String> quarantine = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(dir.resolve("out"))) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        String name = p.getFileName().toString();
        String parent = p.getParent().getFileName().toString();
        if (name.startsWith(".") || name.startsWith("_")) {
          continue;
        }
        if (name.endsWith(".avro")) {
          try (DataFileReader<InteractionEvent> reader =
                   new DataFileReader<>(p.toFile(), new SpecificDatumReader<>(InteractionEvent.class))) {
            reader.forEach(e -> silver.add(e.getEventId()));
          }
        } else if (parent.equals("inactive")) {
          inactive.addAll(Files.readAllLines(p));
        } else if (parent.equals("quarantine")) {
          quarantine.addAll(Files.readAllLines(p));
        }
      }
    }
    assertEquals(new TreeSet<>(List.of("e1", "e2", "e5")), silver);
    assertEquals(2, inactive.size());
    assertTrue(inactive.stream().allMatch(l -> l.contains("\"product_id\":\"p2\"")), inactive.toString());
    assertEquals(1, quarantine.size());
    assertTrue(quarantine.get(0).contains("\"reason\":\"UNKNOWN_REFERENCE\"")
        && quarantine.get(0).contains("product_id 'p9' is not in the catalog snapshot"), quarantine.get(0));
  }
}
