package io.reco.jobs.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reco.records.raw.FileProblem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The inventory of a raw source: what is read, and every entry that is not, with why. */
class RawInventoryTest {
  private static final LocalDate DAY = LocalDate.of(2026, 11, 20);

  @TempDir
  Path dir;
  private Path hour;

  @BeforeEach
  void committedFile() throws Exception {
    hour = dir.resolve("dt=2026-11-20/hour=03");
    Files.createDirectories(hour);
    Files.writeString(hour.resolve("a.jsonl"), "{}\n");
    Files.writeString(hour.resolve("a.jsonl.manifest"), "{}");
    Files.writeString(hour.resolve("_b.jsonl.tmp"), "staging of a writer");
  }

  private RawInventory inventory() throws Exception {
    return RawInventory.of(FileSystem.getLocal(new Configuration()), new org.apache.hadoop.fs.Path(dir.toUri()), DAY,
        DAY);
  }

  private List<String> unread() throws Exception {
    return inventory().unread().stream().map(e -> e.path().getName() + " " + e.problem()).toList();
  }

  @Test
  void aCommittedFileAndHiddenStagingLeaveNothingUnread() throws Exception {
    assertEquals(1, inventory().partitions().size());
    assertEquals(List.of(), unread());
  }

  @Test
  void anotherExtensionIsAnUnexpectedEntry() throws Exception {
    Files.writeString(hour.resolve("c.ndjson"), "{}\n");
    assertEquals(List.of("c.ndjson UNEXPECTED_ENTRY"), unread());
  }

  @Test
  void anUnpaddedHourAndAFileBesideTheHoursAreUnexpected() throws Exception {
    Files.createDirectories(dir.resolve("dt=2026-11-20/hour=7"));
    Files.writeString(dir.resolve("dt=2026-11-20/events.jsonl"), "{}\n");
    assertEquals(List.of("events.jsonl UNEXPECTED_ENTRY", "hour=7 UNEXPECTED_ENTRY"), unread());
  }

  @Test
  void aSubdirectoryOfAnHourIsUnexpected() throws Exception {
    Files.createDirectories(hour.resolve("late"));
    assertEquals(List.of("late UNEXPECTED_ENTRY"), unread());
  }

  @Test
  void aDataFileWithoutManifestIsUncommittedAndAManifestWithoutDataMissesItsFile() throws Exception {
    Files.writeString(hour.resolve("d.jsonl"), "{}\n");
    Files.writeString(hour.resolve("e.jsonl.gz.manifest"), "{}");
    assertEquals(List.of("d.jsonl UNCOMMITTED", "e.jsonl.gz.manifest MISSING_DATA_FILE"), unread());
    assertTrue(inventory().unread().stream().noneMatch(e -> e.problem() == FileProblem.UNEXPECTED_ENTRY));
  }

  @Test
  void aMisspelledDatePartitionIsNamed() throws Exception {
    Files.createDirectories(dir.resolve("dt=2026-11-2"));
    assertEquals(List.of("dt=2026-11-2 UNEXPECTED_ENTRY"), unread());
  }

  @Test
  void aRangeWithoutHourPartitionsIsRefused() throws Exception {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RawInventory.of(
        FileSystem.getLocal(new Configuration()), new org.apache.hadoop.fs.Path(dir.toUri()), DAY.plusDays(1),
        DAY.plusDays(1)));
    assertTrue(e.getMessage().contains("no raw partitions"), e.getMessage());
  }
}
