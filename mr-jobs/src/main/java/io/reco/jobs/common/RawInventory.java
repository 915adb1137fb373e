package io.reco.jobs.common;

import io.reco.records.raw.FileProblem;
import io.reco.records.raw.Manifest;
import io.reco.records.raw.RawZone;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * What a date range of one raw source holds, as listed before a run reads it: the hour partitions to read, and every
 * entry the readers will not read, with why - a data file without its manifest, a manifest without its data file, a
 * file or directory the layout ({@link RawZone}) has no place for. Nothing is skipped without a word. Hidden entries
 * ({@code _} or {@code .} first: writers' staging) are not the raw zone's.
 *
 * @param partitions the directories of the range the readers read, in path order: {@code dt=YYYY-MM-DD/hour=HH}
 *     for an hourly source, {@code dt=YYYY-MM-DD} for a daily one
 * @param unread the entries not read, in path order
 */
public record RawInventory(List<Path> partitions, List<Entry> unread) {
  /** Nothing listed: for a reader of named files, such as a master snapshot. */
  public static final RawInventory NONE = new RawInventory(List.of(), List.of());
  private static final Pattern HOUR = Pattern.compile("hour=([01][0-9]|2[0-3])");

  /**
   * One entry not read.
   *
   * @param path the file or directory
   * @param problem what it is
   * @param detail why it is not read, in words
   */
  public record Entry(Path path, FileProblem problem, String detail) {
  }

  /** Lists the dates {@code from} to {@code to} of the hourly source under {@code root}; refuses a range of none. */
  public static RawInventory of(FileSystem fs, Path root, LocalDate from, LocalDate to) throws IOException {
    List<Path> hours = new ArrayList<>();
    List<Entry> unread = misnamedDates(fs, root, from, to);
    for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
      Path date = RawZone.datePartition(root, d);
      if (!fs.exists(date)) {
        continue;
      }
      for (FileStatus entry : list(fs, date)) {
        if (entry.isDirectory() && HOUR.matcher(entry.getPath().getName()).matches()) {
          hours.add(entry.getPath());
          unread.addAll(files(fs, entry.getPath()));
        } else {
          unread.add(new Entry(entry.getPath(), FileProblem.UNEXPECTED_ENTRY, entry.isDirectory()
              ? "not an hour partition hour=00 to hour=23: not read" : "a file beside the hour partitions: not read"));
        }
      }
    }
    if (hours.isEmpty()) {
      throw new IllegalArgumentException("no raw partitions under " + root + " for " + from + " to " + to
          + " (expected directories dt=YYYY-MM-DD/hour=HH)");
    }
    return new RawInventory(List.copyOf(hours), List.copyOf(unread));
  }

  /** Lists the dates {@code from} to {@code to} of the daily source under {@code root}; a range of none is empty. */
  public static RawInventory daily(FileSystem fs, Path root, LocalDate from, LocalDate to) throws IOException {
    List<Path> days = new ArrayList<>();
    List<Entry> unread = misnamedDates(fs, root, from, to);
    for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
      Path date = RawZone.datePartition(root, d);
      if (fs.exists(date) && fs.getFileStatus(date).isDirectory()) {
        days.add(fs.getFileStatus(date).getPath());
        unread.addAll(files(fs, date));
      }
    }
    return new RawInventory(List.copyOf(days), List.copyOf(unread));
  }

  private static List<Entry> misnamedDates(FileSystem fs, Path root, LocalDate from, LocalDate to)
      throws IOException {
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("--to " + to + " is before --from " + from);
    }
    List<Entry> unread = new ArrayList<>();
    if (fs.exists(root)) {
      for (FileStatus entry : list(fs, root)) {
        String name = entry.getPath().getName();
        if (name.startsWith("dt=") && !isDate(name.substring(3))) {
          unread.add(new Entry(entry.getPath(), FileProblem.UNEXPECTED_ENTRY,
              "not a date partition dt=YYYY-MM-DD: not read"));
        }
      }
    }
    return unread;
  }

  /** The entries of one partition directory that its readers will not read. */
  private static List<Entry> files(FileSystem fs, Path partition) throws IOException {
    FileStatus[] entries = list(fs, partition);
    Set<String> names = new HashSet<>();
    for (FileStatus e : entries) {
      names.add(e.getPath().getName());
    }
    List<Entry> unread = new ArrayList<>();
    for (FileStatus e : entries) {
      Path path = e.getPath();
      String name = path.getName();
      if (e.isDirectory()) {
        unread.add(new Entry(path, FileProblem.UNEXPECTED_ENTRY, "a directory inside a partition: not read"));
      } else if (name.endsWith(Manifest.SUFFIX)) {
        if (!names.contains(Manifest.dataFileOf(path).getName())) {
          unread.add(new Entry(path, FileProblem.MISSING_DATA_FILE, "a manifest without its data file "
              + Manifest.dataFileOf(path).getName()));
        }
      } else if (!RawPartitions.DATA_FILES.accept(path)) {
        unread.add(new Entry(path, FileProblem.UNEXPECTED_ENTRY,
            "not a raw data file (.jsonl, .json, .csv, gzipped or not): not read"));
      } else if (!names.contains(name + Manifest.SUFFIX)) {
        unread.add(new Entry(path, FileProblem.UNCOMMITTED,
            "no manifest: never committed (a writer at work, or a crash's leftover), not read"));
      }
    }
    return unread;
  }

  /** The entries of {@code dir} that are the raw zone's (not hidden), in name order. */
  private static FileStatus[] list(FileSystem fs, Path dir) throws IOException {
    FileStatus[] entries = fs.listStatus(dir, p -> !p.getName().startsWith("_") && !p.getName().startsWith("."));
    Arrays.sort(entries, Comparator.comparing(FileStatus::getPath));
    return entries;
  }

  private static boolean isDate(String text) {
    try {
      LocalDate.parse(text);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }
}
