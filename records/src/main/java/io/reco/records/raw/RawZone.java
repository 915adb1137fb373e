package io.reco.records.raw;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The layout of the raw zone under its root (say {@code hdfs:///reco/raw} or {@code var/data/raw}):
 * <pre>
 * clickstream/dt=YYYY-MM-DD/hour=HH/      events by event time (UTC), JSON lines
 * transactions/dt=YYYY-MM-DD/             order and order-item rows by transaction date, CSV as delivered
 * master/&lt;entity&gt;/snapshot=YYYY-MM-DD/    catalog, customers: one whole export a day; _LATEST names the newest
 * external/&lt;source&gt;/dt=YYYY-MM-DD/        pulls from outside APIs
 * quarantine/&lt;source&gt;/dt=YYYY-MM-DD/      rejected records with their reason and where they came from
 * </pre>
 * Every data file has a {@link Manifest} beside it. Names starting with {@code _} or {@code .} are bookkeeping.
 */
public final class RawZone {
  /** The file under an entity's directory that names its newest complete snapshot. */
  public static final String LATEST = "_LATEST";
  /**
   * The file of a customers snapshot naming the customers deleted in the shop's database, one
   * {@code {"customer_id":...,"erased":true}} line each: their events are dropped before silver and their rows
   * deleted from the user tables.
   */
  public static final String ERASED = "erased.jsonl";
  private static final String DATE = "dt=";
  private static final String HOUR = "hour=";
  private static final String SNAPSHOT = "snapshot=";

  private final Path root;

  /** The raw zone rooted at {@code root}. */
  public RawZone(Path root) {
    this.root = root;
  }

  /** The zone's root directory. */
  public Path root() {
    return root;
  }

  /** The clickstream directory, parent of the {@code dt=/hour=} partitions. */
  public Path clickstream() {
    return new Path(root, "clickstream");
  }

  /** The clickstream partition holding events of the hour that contains {@code eventTimeMillis}. */
  public Path clickstreamHour(long eventTimeMillis) {
    ZonedDateTime t = Instant.ofEpochMilli(eventTimeMillis).atZone(ZoneOffset.UTC);
    return hourPartition(clickstream(), t.toLocalDate(), t.getHour());
  }

  /** The {@code dt=/hour=} partition of one date and hour under {@code parent}. */
  public static Path hourPartition(Path parent, LocalDate date, int hour) {
    return new Path(parent, String.format(DATE + "%s/" + HOUR + "%02d", date, hour));
  }

  /** A glob of the hour partitions of one date under {@code parent}. */
  public static Path hoursOf(Path parent, LocalDate date) {
    return new Path(datePartition(parent, date), HOUR + "[0-2][0-9]");
  }

  /** A glob of {@code fileName} in every hour partition under {@code parent} ({@code *} for every file). */
  public static Path inEveryHour(Path parent, String fileName) {
    return new Path(parent, DATE + "*/" + HOUR + "*/" + fileName);
  }

  /** A glob of {@code fileName} in every date partition under {@code parent}. */
  public static Path inEveryDate(Path parent, String fileName) {
    return new Path(parent, DATE + "*/" + fileName);
  }

  /** A glob of every date partition under {@code parent}. */
  public static Path everyDate(Path parent) {
    return new Path(parent, DATE + "*");
  }

  /** A glob of {@code fileName} in every hour partition of one date directory. */
  public static Path inEveryHourOf(Path datePartition, String fileName) {
    return new Path(datePartition, HOUR + "*/" + fileName);
  }

  /** The date of a {@code dt=} partition, or null when {@code partition} is not one. */
  public static LocalDate dateOf(Path partition) {
    return partition.getName().startsWith(DATE) ? LocalDate.parse(partition.getName().substring(DATE.length()))
        : null;
  }

  /** The directory name of one snapshot date. */
  public static String snapshotName(LocalDate date) {
    return SNAPSHOT + date;
  }

  /** The date of a {@code snapshot=} directory, or null when {@code snapshot} is not one. */
  public static LocalDate snapshotDate(Path snapshot) {
    String name = snapshot.getName();
    return name.startsWith(SNAPSHOT) ? LocalDate.parse(name.substring(SNAPSHOT.length())) : null;
  }

  /** The {@code dt=} partition of one date under {@code parent}. */
  public static Path datePartition(Path parent, LocalDate date) {
    return new Path(parent, DATE + date);
  }

  /** The transactions directory, parent of the {@code dt=} partitions. */
  public Path transactions() {
    return new Path(root, "transactions");
  }

  /** The master-data directory, parent of one directory per entity. */
  public Path master() {
    return new Path(root, "master");
  }

  /** The directory of one master-data entity ({@code catalog}, {@code customers}). */
  public Path master(String entity) {
    return new Path(master(), entity);
  }

  /** The snapshot directory of one entity for one date. */
  public Path snapshot(String entity, LocalDate date) {
    return new Path(master(entity), snapshotName(date));
  }

  /**
   * The directory of the change events a master-data entity's database sent ({@code changes/<entity>/dt=/}),
   * merged into the entity's next snapshot.
   */
  public Path changes(String entity) {
    return new Path(changes(), entity);
  }

  /** The change journal's directory, parent of one directory per entity. */
  public Path changes() {
    return new Path(root, "changes");
  }

  /** The directory of one external source. */
  public Path external(String source) {
    return new Path(external(), source);
  }

  /** The directory of the pulls from outside APIs, parent of one directory per source. */
  public Path external() {
    return new Path(root, "external");
  }

  /** Where records rejected by {@code source} on {@code date} go. */
  public Path quarantine(String source, LocalDate date) {
    return datePartition(new Path(quarantine(), source), date);
  }

  /** The quarantine's directory, parent of one directory per source. */
  public Path quarantine() {
    return new Path(root, "quarantine");
  }

  /** Points {@link #LATEST} of {@code entity} at {@code snapshot}, atomically. */
  public void publishLatest(FileSystem fs, String entity, Path snapshot) throws IOException {
    Path pointer = new Path(master(entity), LATEST);
    Path tmp = new Path(master(entity), LATEST + ".tmp");
    try (FSDataOutputStream out = fs.create(tmp, true)) {
      out.write((snapshot.getName() + "\n").getBytes(StandardCharsets.UTF_8));
      out.hsync();
    }
    RawFiles.replace(fs, tmp, pointer);
  }

  /** The newest complete snapshot of {@code entity}, or null when there is none yet. */
  public Path latestSnapshot(FileSystem fs, String entity) throws IOException {
    Path pointer = new Path(master(entity), LATEST);
    if (!fs.exists(pointer)) {
      return null;
    }
    try (FSDataInputStream in = fs.open(pointer)) {
      String name = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
      if (!name.startsWith(SNAPSHOT)) {
        throw new IOException(pointer + " should name a snapshot=YYYY-MM-DD directory, holds '" + name + "'");
      }
      return new Path(master(entity), name);
    }
  }
}
