package io.reco.ansible;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reco.ingest.raw.PartitionSeal;
import io.reco.ingest.raw.SealTool;
import io.reco.records.Settings;
import io.reco.records.raw.Manifest;
import io.reco.records.raw.RawFiles;
import io.reco.records.raw.RawZone;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Flume agent's configuration as the flume_agent role writes it, against what the code expects of the files
 * it lands: the raw zone's partitions ({@link RawZone}), the names {@link PartitionSeal} takes for open and closed
 * and the jobs skip ({@link RawFiles}), rolls inside seal's lateness; and seal itself over files so named.
 */
class FlumeConfigTest {
  private static final String RAW = "hdfs://namenode:8020/data/reco/raw";
  private static final String SINK = "reco.sinks.rawzone.";

  @TempDir
  static Path dir;
  private static Properties conf;

  @BeforeAll
  static void writeTheConfigurationWithTheRole() throws Exception {
    Map<String, Object> vars = new LinkedHashMap<>();
    vars.put("flume_agent_manage_service", false);
    vars.put("flume_agent_create_user", false);
    vars.put("flume_agent_user", Hosts.user());
    vars.put("flume_agent_group", Hosts.group());
    vars.put("flume_agent_conf_dir", dir.resolve("conf").toString());
    vars.put("flume_agent_data_dir", dir.resolve("data").toString());
    vars.put("flume_agent_log_dir", dir.resolve("log").toString());
    vars.put("flume_agent_raw_root", RAW);
    Ansible.Run run = Ansible.run(List.of(Ansible.require("ansible-playbook").toString(), "-i",
        Hosts.localInventory(dir, "reco_flume").toString(), "-e", "@" + Hosts.extraVars(dir, vars),
        "src/test/resources/playbooks/flume-config.yml"),
        Map.of("ANSIBLE_ROLES_PATH", Ansible.HOME.resolve("roles").toString()), 300);
    assertEquals(0, run.exitCode(), run.report());
    conf = new Properties();
    try (Reader in = Files.newBufferedReader(dir.resolve("conf/flume.conf"), StandardCharsets.UTF_8)) {
      conf.load(in);
    }
  }

  @Test
  void theSinkWritesTheRawZonesHourPartitionsInUtc() {
    LocalDate day = LocalDate.of(2026, 12, 3);
    String path = conf.getProperty(SINK + "hdfs.path").replace("%Y-%m-%d", day.toString()).replace("%H", "07");
    RawZone zone = new RawZone(new org.apache.hadoop.fs.Path(RAW));
    assertEquals(RawZone.hourPartition(zone.clickstream(), day, 7).toString(), path);
    assertEquals("UTC", conf.getProperty(SINK + "hdfs.timeZone"));
  }

  @Test
  void anOpenFileIsWhatSealTakesForOpenAndHiddenFromTheJobs() {
    assertEquals(PartitionSeal.FLUME_IN_USE, conf.getProperty(SINK + "hdfs.inUseSuffix"));
    assertTrue(RawFiles.isHidden(openName(1)), openName(1));
  }

  @Test
  void aClosedFileIsAJsonLinesFileTheJobsRead() {
    assertFalse(RawFiles.isHidden(closedName(1)), closedName(1));
    assertTrue(closedName(1).endsWith(".jsonl"), closedName(1));
    assertEquals("DataStream", conf.getProperty(SINK + "hdfs.fileType"));
  }

  @Test
  void filesCloseWellInsideTheLatenessSealAllows() {
    long lateness = Settings.getLong(Settings.create(), SealTool.LATENESS) / 1000;
    long closesWithin = Long.parseLong(conf.getProperty(SINK + "hdfs.rollInterval"))
        + Long.parseLong(conf.getProperty(SINK + "hdfs.idleTimeout"));
    assertTrue(closesWithin < lateness, "files close within " + closesWithin + " s, seal waits " + lateness + " s");
    assertEquals("0", conf.getProperty(SINK + "hdfs.rollCount"));
  }

  @Test
  void eventsArePartitionedByTheirOwnTimestampField() {
    assertEquals("false", conf.getProperty(SINK + "hdfs.useLocalTimeStamp"));
    String regex = conf.getProperty("reco.sources.clickstream.interceptors.eventtime.regex");
    java.util.regex.Matcher m = java.util.regex.Pattern.compile(regex)
        .matcher("{\"event_id\":\"e1\",\"timestamp\": 1764745200000,\"user_id\":\"u1\"}");
    assertTrue(m.find(), regex);
    assertEquals("1764745200000", m.group(1));
  }

  @Test
  void sealWritesTheManifestsOfClosedFilesAndWaitsForTheOpenOne() throws Exception {
    FileSystem fs = FileSystem.getLocal(new Configuration()).getRawFileSystem();
    LocalDate day = LocalDate.of(2026, 12, 1);
    RawZone zone = new RawZone(new org.apache.hadoop.fs.Path(dir.resolve("raw").toUri()));
    org.apache.hadoop.fs.Path hour = RawZone.hourPartition(zone.clickstream(), day, 5);
    Path local = Path.of(hour.toUri());
    Files.createDirectories(local);
    Files.writeString(local.resolve(closedName(1)), "{\"event_id\":\"a\"}\n{\"event_id\":\"b\"}\n");
    Files.writeString(local.resolve(openName(2)), "{\"event_id\":\"c\"}\n");
    Clock later = Clock.fixed(Instant.parse("2026-12-03T00:00:00Z"), ZoneOffset.UTC);
    org.apache.hadoop.fs.Path partition = RawZone.datePartition(zone.clickstream(), day);

    PartitionSeal.Result open = PartitionSeal.seal(fs, partition, day, "clickstream", true, Duration.ZERO, later);
    assertFalse(open.sealed(), open.toString());
    assertEquals(1, open.manifestsWritten());
    assertTrue(Files.exists(local.resolve(closedName(1) + Manifest.SUFFIX)));

    // Flume closes the file by renaming it to its final name
    Files.move(local.resolve(openName(2)), local.resolve(closedName(2)));
    PartitionSeal.Result closed = PartitionSeal.seal(fs, partition, day, "clickstream", true, Duration.ZERO, later);
    assertTrue(closed.sealed(), closed.toString());
    assertEquals(3, closed.records());
  }

  /** A closed file's name as Flume's HDFS sink makes it: prefix.counter + suffix. */
  private static String closedName(long counter) {
    return conf.getProperty(SINK + "hdfs.filePrefix") + "." + (1764745200000L + counter)
        + conf.getProperty(SINK + "hdfs.fileSuffix");
  }

  /** A file being written: in-use prefix + the closed name + in-use suffix. */
  private static String openName(long counter) {
    return conf.getProperty(SINK + "hdfs.inUsePrefix") + closedName(counter)
        + conf.getProperty(SINK + "hdfs.inUseSuffix");
  }
}
