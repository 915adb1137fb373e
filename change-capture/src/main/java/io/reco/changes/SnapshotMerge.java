package io.reco.changes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reco.commands.RecoTool;
import io.reco.ingest.master.MasterEntity;
import io.reco.ingest.master.MasterSnapshots;
import io.reco.records.raw.Manifest;
import io.reco.records.raw.RawFileWriter;
import io.reco.records.raw.RawZone;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Merges the changes the change consumer journaled ({@link ChangeJournal}) into an entity's next master snapshot:
 * the newest snapshot, its rows streamed through, each row with changes replaced by the latest of them (by source
 * position): a customer's upsert replaces the row or adds it, a product's patch sets its price, stock or active flag,
 * a deleted product stays as inactive and out of stock (its history still explains others' choices, it is never
 * recommended), and a deleted customer leaves the snapshot for {@link RawZone#ERASED}: the ids the pipeline erases
 * everywhere (their events dropped before silver, their rows deleted from the user tables), carried into every later
 * snapshot until the customer is created again. Only the changes since the base are read: those after the
 * {@code changes_through_ms} its manifest records, or, for an export's snapshot, those from its date on. Memory holds
 * the changes, never the snapshot. The new snapshot is written and installed as an export's is
 * ({@link MasterSnapshots}), and becomes the latest.
 *
 * <p>{@code merge-changes --raw <raw zone> --entity customers [--date 2026-12-03]}
 */
@Command(name = SnapshotMerge.NAME, description = "changes journaled by ingest-changes -> the next master snapshot")
public final class SnapshotMerge extends RecoTool {
  /** The command name. */
  public static final String NAME = "merge-changes";
  /** The manifest source key of the newest change time a merged snapshot holds. */
  static final String THROUGH = "changes_through_ms";
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * What one merge did: {@code changes == applied + superseded + before + orphanPatches}.
   *
   * @param snapshot the new snapshot, or the base when there was nothing to merge
   * @param before changes already in the base (at or before its time), not applied again
   * @param superseded changes replaced by a later one of the same row
   * @param orphanPatches patches of products the snapshot lacks: nothing to patch
   */
  public record Result(String entity, Path base, Path snapshot, long baseRows, long changes, long before,
      long superseded, long applied, long upserts, long patches, long deletes, long orphanPatches, long rows,
      long erased) {
  }

  /** Merges the changes of {@code entity} into its snapshot of {@code date}. */
  public static Result merge(FileSystem fs, RawZone zone, MasterEntity entity, LocalDate date, Clock clock)
      throws IOException {
    Path base = zone.latestSnapshot(fs, entity.id());
    long asOf = Long.MIN_VALUE;
    LocalDate since = LocalDate.MIN;
    if (base != null) {
      Manifest manifest = Manifest.read(fs, Manifest.pathOf(new Path(base, entity.fileName())));
      Object through = manifest.source().get(THROUGH);
      asOf = through instanceof Number n ? n.longValue()
          : RawZone.snapshotDate(base).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli() - 1;
      since = LocalDate.ofInstant(Instant.ofEpochMilli(asOf), ZoneOffset.UTC).minusDays(1);
    }
    List<ChangeJournal.Entry> entries = ChangeJournal.read(fs, zone, entity.id(), since);
    Map<String, ChangeJournal.Entry> latest = new HashMap<>();
    long before = 0;
    long superseded = 0;
    long through = asOf;
    for (ChangeJournal.Entry e : entries) {
      if (e.time() != 0 && e.time() <= asOf) {
        before++;
        continue;
      }
      through = Math.max(through, e.time());
      ChangeJournal.Entry held = latest.get(e.id());
      if (held == null || e.after(held)) {
        latest.put(e.id(), e);
      }
      if (held != null) {
        superseded++;
      }
    }
    if (latest.isEmpty() && base != null) {
      return new Result(entity.id(), base, base, -1, entries.size(), before, superseded, 0, 0, 0, 0, 0, -1, -1);
    }
    MasterSnapshots snapshots = new MasterSnapshots(fs, zone, entity.id());
    Path staging = snapshots.prepare(date);
    long baseRows = 0;
    long rows = 0;
    Map<ChangeJournal.Op, Long> applied = new TreeMap<>();
    long orphans = 0;
    Set<String> erased = new LinkedHashSet<>();
    Map<String, Object> source = new LinkedHashMap<>();
    source.put("base", base == null ? "none" : base.getName());
    source.put("changes", entries.size());
    source.put(THROUGH, through);
    boolean customers = entity == MasterEntity.CUSTOMERS;
    boolean done = false;
    try (RawFileWriter out = RawFileWriter.create(fs, new Path(staging, entity.fileName()))) {
      if (base != null) {
        try (BufferedReader in = reader(fs, new Path(base, entity.fileName()))) {
          String line;
          while ((line = in.readLine()) != null) {
            if (line.isBlank()) {
              continue;
            }
            baseRows++;
            ObjectNode row = (ObjectNode) JSON.readTree(line);
            ChangeJournal.Entry change = latest.remove(row.path(entity.idField()).asText());
            if (change == null) {
              out.write(line);
              rows++;
              continue;
            }
            applied.merge(change.op(), 1L, Long::sum);
            switch (change.op()) {
              case UPSERT -> {
                out.write(change.fields().toString());
                rows++;
              }
              case PATCH -> {
                row.setAll((ObjectNode) change.fields());
                out.write(row.toString());
                rows++;
              }
              case DELETE -> {
                if (customers) {
                  erased.add(change.id());
                } else {
                  row.put("is_active", false).put("in_stock", false);
                  out.write(row.toString());
                  rows++;
                }
              }
            }
          }
        }
        Path erasedBefore = new Path(base, RawZone.ERASED);
        if (customers && fs.exists(erasedBefore)) {
          try (BufferedReader in = reader(fs, erasedBefore)) {
            in.lines().filter(l -> !l.isBlank()).map(SnapshotMerge::erasedId).forEach(erased::add);
          }
        }
      }
      for (ChangeJournal.Entry change : latest.values().stream().sorted(java.util.Comparator.comparing(
          ChangeJournal.Entry::id)).toList()) {
        switch (change.op()) {
          case UPSERT -> {
            out.write(change.fields().toString());
            rows++;
            erased.remove(change.id());
            applied.merge(change.op(), 1L, Long::sum);
          }
          case PATCH -> orphans++;
          case DELETE -> {
            applied.merge(change.op(), 1L, Long::sum);
            if (customers) {
              erased.add(change.id());
            }
          }
        }
      }
      out.commit(entity.id(), source, clock);
      if (customers && !erased.isEmpty()) {
        try (RawFileWriter out2 = RawFileWriter.create(fs, new Path(staging, RawZone.ERASED))) {
          for (String id : erased) {
            out2.write(JSON.createObjectNode().put(entity.idField(), id).put("erased", true).toString());
          }
          out2.commit("erased", source, clock);
        }
      }
      Path snapshot = snapshots.install(date);
      snapshots.publish(date);
      done = true;
      long all = applied.values().stream().mapToLong(Long::longValue).sum();
      return new Result(entity.id(), base, snapshot, baseRows, entries.size(), before, superseded, all,
          applied.getOrDefault(ChangeJournal.Op.UPSERT, 0L), applied.getOrDefault(ChangeJournal.Op.PATCH, 0L),
          applied.getOrDefault(ChangeJournal.Op.DELETE, 0L), orphans, rows, erased.size());
    } finally {
      if (!done) {
        snapshots.discard(date);
      }
    }
  }

  private static String erasedId(String line) {
    try {
      return JSON.readTree(line).path(MasterEntity.CUSTOMERS.idField()).asText();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static BufferedReader reader(FileSystem fs, Path file) throws IOException {
    return new BufferedReader(new InputStreamReader(fs.open(file), StandardCharsets.UTF_8));
  }

  @Option(names = "--raw", required = true, description = "Root of the raw zone.")
  private Path raw;
  @Option(names = "--entity", required = true, description = "catalog or customers.")
  private String entity;
  @Option(names = "--date", description = "The new snapshot's date (default: today, UTC).")
  private LocalDate date;

  @Override
  protected int execute() throws Exception {
    Configuration conf = getConf() == null ? new Configuration() : getConf();
    FileSystem fs = raw.getFileSystem(conf);
    Clock clock = Clock.systemUTC();
    Result r = merge(fs, new RawZone(fs.makeQualified(raw)), MasterEntity.of(entity),
        date != null ? date : LocalDate.now(clock), clock);
    print(System.out, r);
    return 0;
  }

  /** Prints a result as the CLI shows it. */
  public static void print(PrintStream out, Result r) {
    if (r.snapshot().equals(r.base())) {
      out.printf("%s: no %s changes after %s (%d journaled, %d already in it); nothing to merge%n", NAME, r.entity(),
          r.base().getName(), r.changes(), r.before());
      return;
    }
    out.printf("%s: %s %s + %d changes (%d already in it, %d superseded) -> %s: %d upserts, %d patches, %d"
        + " deletes applied, %d patches of unknown rows; %d rows%s%n", NAME, r.entity(),
        r.base() == null ? "no snapshot" : r.base().getName(), r.changes(), r.before(), r.superseded(),
        r.snapshot(), r.upserts(), r.patches(), r.deletes(), r.orphanPatches(), r.rows(),
        r.entity().equals(MasterEntity.CUSTOMERS.id()) ? ", " + r.erased() + " customers erased" : "");
  }
}
