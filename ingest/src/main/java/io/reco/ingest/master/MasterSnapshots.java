package io.reco.ingest.master;

import io.reco.records.raw.RawZone;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts one entity's dated snapshots in place without a reader ever seeing a half-written one. A snapshot is written
 * whole into the hidden {@code _snapshot=YYYY-MM-DD.tmp} beside its final place and committed there; then
 * {@link #install} renames it to {@code snapshot=YYYY-MM-DD}. A snapshot of that date already in place is first
 * renamed aside to {@code _snapshot=YYYY-MM-DD.old} and deleted afterwards, because a rename onto an existing
 * directory does not replace it (HDFS moves the source inside it). Between those two renames, a matter of
 * milliseconds, the date's directory is absent, never partial; a run that dies there leaves the old one aside, and
 * the next run puts it back before anything else. {@code _LATEST} moves only after installation, and only forward:
 * re-running an older date does not take it back. One run per entity at a time.
 */
public final class MasterSnapshots {
  private static final Logger LOG = LoggerFactory.getLogger(MasterSnapshots.class);

  private final FileSystem fs;
  private final RawZone zone;
  private final String entity;

  /** The snapshots of {@code entity} in {@code zone}. */
  public MasterSnapshots(FileSystem fs, RawZone zone, String entity) {
    this.fs = fs;
    this.zone = zone;
    this.entity = entity;
  }

  /** Where the snapshot of {@code date} is written before it is installed. */
  public Path staging(LocalDate date) {
    return new Path(zone.master(entity), "_" + RawZone.snapshotName(date) + ".tmp");
  }

  private Path retired(LocalDate date) {
    return new Path(zone.master(entity), "_" + RawZone.snapshotName(date) + ".old");
  }

  /**
   * Gets the staging directory of {@code date} ready: puts back a snapshot a crashed run left aside, and clears
   * what a crashed run left in staging.
   */
  public Path prepare(LocalDate date) throws IOException {
    Path target = zone.snapshot(entity, date);
    Path retired = retired(date);
    if (fs.exists(retired)) {
      if (fs.exists(target)) {
        delete(retired);
      } else {
        rename(retired, target);
        LOG.warn("{}: put back {}, left aside by an interrupted run", entity, target);
      }
    }
    Path staging = staging(date);
    if (fs.exists(staging)) {
      delete(staging);
    }
    return staging;
  }

  /** Drops the staging directory of {@code date}, when a run gives up. */
  public void discard(LocalDate date) throws IOException {
    Path staging = staging(date);
    if (fs.exists(staging)) {
      delete(staging);
    }
  }

  /** Moves the committed staging snapshot of {@code date} into place, replacing one of the same date. */
  public Path install(LocalDate date) throws IOException {
    Path staging = staging(date);
    Path target = zone.snapshot(entity, date);
    Path retired = retired(date);
    if (!fs.exists(staging)) {
      throw new IOException("no staged snapshot " + staging);
    }
    boolean replacing = fs.exists(target);
    if (replacing) {
      if (fs.exists(retired)) {
        delete(retired);
      }
      rename(target, retired);
    }
    try {
      rename(staging, target);
    } catch (IOException e) {
      if (replacing && !fs.exists(target)) {
        rename(retired, target);
      }
      throw e;
    }
    if (replacing) {
      delete(retired);
    }
    return target;
  }

  /**
   * Points {@code _LATEST} at the snapshot of {@code date} unless it names a later one already; returns the snapshot
   * {@code _LATEST} names afterwards.
   */
  public Path publish(LocalDate date) throws IOException {
    Path target = zone.snapshot(entity, date);
    LocalDate latest = latestDate();
    if (latest != null && latest.isAfter(date)) {
      return zone.snapshot(entity, latest);
    }
    zone.publishLatest(fs, entity, target);
    return target;
  }

  private LocalDate latestDate() throws IOException {
    Path latest = zone.latestSnapshot(fs, entity);
    if (latest == null) {
      return null;
    }
    try {
      return RawZone.snapshotDate(latest);
    } catch (DateTimeParseException e) {
      throw new IOException(new Path(zone.master(entity), RawZone.LATEST) + " names '" + latest.getName()
          + "', not snapshot=YYYY-MM-DD", e);
    }
  }

  private void rename(Path from, Path to) throws IOException {
    if (fs.exists(to)) {
      throw new IOException("cannot rename " + from + " to " + to + ": it exists");
    }
    if (!fs.rename(from, to)) {
      throw new IOException("cannot rename " + from + " to " + to);
    }
  }

  private void delete(Path dir) throws IOException {
    if (!fs.delete(dir, true)) {
      throw new IOException("cannot delete " + dir);
    }
  }
}
