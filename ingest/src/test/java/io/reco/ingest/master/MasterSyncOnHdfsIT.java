package io.reco.ingest.master;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reco.ingest.SharedHdfs;
import io.reco.ingest.raw.RawVerifier;
import io.reco.records.raw.RawZone;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The master sync on a real HDFS (MiniDFSCluster), where renaming a directory onto an existing one moves it inside
 * instead of replacing it: a re-run of the same date must still leave exactly one, complete, snapshot.
 */
class MasterSyncOnHdfsIT {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);
  private static final LocalDate TODAY = LocalDate.parse("2026-11-22");
  private static FileSystem fs;

  @TempDir
  java.nio.file.Path dir;

  @BeforeAll
  static void startHdfs() throws Exception {
    fs = SharedHdfs.fileSystem();
  }

  private String run(Configuration conf, String... args) throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    MasterSyncTool tool = new MasterSyncTool(new PrintStream(printed, true, StandardCharsets.UTF_8), CLOCK);
    tool.setConf(conf);
    assertEquals(0, tool.run(args));
    return printed.toString(StandardCharsets.UTF_8);
  }

  private List<String> lines(Path file) throws Exception {
    try (InputStream in = fs.open(file)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
  }

  private List<String> names(Path parent) throws Exception {
    return Arrays.stream(fs.listStatus(parent)).map(s -> s.getPath().getName()).sorted().toList();
  }

  @Test
  void rerunsOfOneDateReplaceTheSnapshotOnHdfs() throws Exception {
    RawZone zone = new RawZone(fs.makeQualified(new Path("/reco/raw-master")));
    Configuration conf = new Configuration(fs.getConf());
    for (int round = 1; round <= 3; round++) {
      java.nio.file.Path export = Files.createTempDirectory(dir, "round").resolve("catalog.csv");
      StringBuilder csv = new StringBuilder("product_id,name,category,price,created_at\n");
      for (int i = 0; i < round; i++) {
        csv.append("r").append(round).append('-').append(i).append(",Name,c,1.5,2026-11-01\n");
      }
      Files.writeString(export, csv.toString());
      run(conf, "--entity", "catalog", "--input", export.toUri().toString(), "--raw", zone.root().toString());

      Path snapshot = zone.snapshot("catalog", TODAY);
      assertEquals(List.of("_LATEST", "snapshot=2026-11-22"), names(zone.master("catalog")));
      assertEquals(List.of("catalog.jsonl", "catalog.jsonl.manifest"), names(snapshot));
      List<String> lines = lines(new Path(snapshot, "catalog.jsonl"));
      assertEquals(round, lines.size());
      assertTrue(lines.get(0).startsWith("{\"product_id\":\"r" + round + "-0\""), lines.get(0));
      assertEquals(snapshot, zone.latestSnapshot(fs, "catalog"));
    }
    RawVerifier.Report report = RawVerifier.verify(fs, zone.root());
    assertTrue(report.ok(), report.findings().toString());
    assertEquals(1, report.verified());
  }

  @Test
  void customersWithTheKeyOnHdfsLeaveNoAddressThere() throws Exception {
    RawZone zone = new RawZone(fs.makeQualified(new Path("/reco/raw-customers")));
    Path key = new Path("/reco/secrets/email.key");
    try (FSDataOutputStream out = fs.create(key)) {
      out.write((EmailHasherTest.KEY + "\n").getBytes(StandardCharsets.UTF_8));
    }
    Configuration conf = new Configuration(fs.getConf());
    conf.set(MasterSyncTool.EMAIL_HASH_KEY_FILE, key.toString());
    conf.setDouble(MasterSyncTool.MAX_REJECT_FRACTION, 1.0);
    java.nio.file.Path export = dir.resolve("customers.csv");
    try (InputStream in = getClass().getResourceAsStream("/master/customers.csv")) {
      Files.copy(in, export);
    }
    String out = run(conf, "--entity", "customers", "--input", export.toUri().toString(), "--raw",
        zone.root().toString());
    assertTrue(out.contains("9 rows read = 4 written + 5 rejected"), out);
    assertTrue(lines(new Path(zone.snapshot("customers", TODAY), "customers.jsonl")).get(0)
        .endsWith("\"email_hash\":\"" + EmailHasherTest.ALICE + "\"}"));

    List<String> leaks = new ArrayList<>();
    RemoteIterator<LocatedFileStatus> files = fs.listFiles(zone.root(), true);
    int count = 0;
    while (files.hasNext()) {
      Path file = files.next().getPath();
      count++;
      try (InputStream in = fs.open(file)) {
        if (new String(in.readAllBytes(), StandardCharsets.ISO_8859_1).contains("@example.")) {
          leaks.add(file.toString());
        }
      }
    }
    assertEquals(5, count, "_LATEST, snapshot and quarantine with their manifests");
    assertEquals(List.of(), leaks);
    assertFalse(fs.exists(new Path(zone.master("customers"), "_snapshot=2026-11-22.tmp")));
  }
}
