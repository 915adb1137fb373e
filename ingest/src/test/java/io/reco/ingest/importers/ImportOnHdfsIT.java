package io.reco.ingest.importers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reco.ingest.SharedHdfs;
import io.reco.ingest.raw.RawVerifier;
import io.reco.records.raw.RawFiles;
import io.reco.records.raw.RawZone;
import java.time.Duration;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An import into a raw zone on HDFS (MiniDFS, in-process) from an input on the local file system: HDFS's rename
 * does not replace, so publishing, re-importing and merging pieces are checked where it matters.
 */
class ImportOnHdfsIT {
  private static FileSystem hdfs;

  @BeforeAll
  static void startHdfs() throws Exception {
    hdfs = SharedHdfs.fileSystem();
  }

  @Test
  void importsAndReimportsIntoHdfs() throws Exception {
    Path raw = hdfs.makeQualified(new Path("/reco/raw"));
    ImportRun run = new ImportRun(hdfs.getConf(), new ImportSettings(1, Duration.ofMinutes(30), 4.0f),
        ImportedZone.CLOCK);
    Path events = ImportedZone.fixture("retailrocket/events.csv");
    List<Path> items = List.of(ImportedZone.fixture("retailrocket/item_properties.csv"));

    ImportReport first = run.run(Dataset.RETAILROCKET, events, items, raw);
    ImportReport second = run.run(Dataset.RETAILROCKET, events, items, raw);

    assertEquals(1, first.mergedPartitions());
    assertEquals(4, first.files().size());
    assertTrue(first.files().get(0).startsWith("hdfs://"), first.files().get(0));
    assertEquals(first.files(), second.files());
    RawVerifier.Report verified = RawVerifier.verify(hdfs, raw);
    assertTrue(verified.ok(), verified.findings().toString());
    assertEquals(4, verified.verified());
    assertEquals(8 + 13 + 5, verified.records());
    assertEquals("snapshot=2015-09-06", new RawZone(raw).latestSnapshot(hdfs, "catalog").getName());
    FileStatus[] staging = hdfs.listStatus(new Path(raw, RawFiles.STAGING));
    assertEquals(0, staging.length, "staging is cleaned up");
  }
}
