package io.reco.ingest.importers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reco.records.RecordJson;
import io.reco.records.avro.InteractionEvent;
import io.reco.records.avro.Order;
import io.reco.records.avro.Product;
import io.reco.records.raw.Manifest;
import io.reco.records.raw.RawFileWriter;
import io.reco.records.raw.RawFiles;
import io.reco.records.raw.RawZone;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The files of one import, written into a hidden staging tree under the raw zone
 * ({@code _staging/import-<dataset>-<md5 prefix>/}, laid out like the zone itself) and moved into the zone only by
 * {@link #publish}, after the import has reconciled. Every file is named after the dataset and the input's MD5,
 * {@code <dataset>-<md5 prefix>.jsonl.gz}, so importing the same input again replaces the same files; files of an
 * earlier import of that input that this one did not write again are removed. Closing without publishing leaves the
 * zone untouched.
 */
final class StagedOutputs implements Closeable {
  /** The catalog snapshot's file name. */
  static final String CATALOG_FILE = "catalog.jsonl";

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final long HOUR_MILLIS = 3_600_000L;

  private final FileSystem fs;
  private final RawZone zone;
  private final Dataset dataset;
  private final Path stagingRoot;
  private final RawZone staged;
  private final String fileName;
  private final Map<String, Object> source;
  private final Clock clock;
  private final PartitionedFiles clickstream;
  private final PartitionedFiles transactions;
  private RawFileWriter quarantine;
  private final List<Path> stagedFiles = new ArrayList<>();
  private final Map<Long, Path> hours = new HashMap<>();
  private Path catalogSnapshot;
  private long eventsWritten;
  private long ordersWritten;
  private long rejectsWritten;
  private long productsWritten;
  private long merged;

  /**
   * Outputs of importing an input of {@code dataset} whose MD5 is {@code inputMd5} into {@code zone}; drops what a
   * crashed import of the same input left in staging.
   *
   * @param source what every manifest records as the files' source
   * @param maxOpen the most event or order files open at a time
   */
  StagedOutputs(FileSystem fs, RawZone zone, Dataset dataset, String inputMd5, Map<String, Object> source,
      Clock clock, int maxOpen) throws IOException {
    this.fs = fs;
    this.zone = zone;
    this.dataset = dataset;
    String name = dataset.id() + "-" + inputMd5.substring(0, 12);
    this.fileName = name + ".jsonl.gz";
    this.stagingRoot = new Path(new Path(zone.root(), RawFiles.STAGING), "import-" + name);
    this.staged = new RawZone(stagingRoot);
    this.source = source;
    this.clock = clock;
    fs.delete(stagingRoot, true);
    this.clickstream = new PartitionedFiles(fs, stagingRoot, fileName, maxOpen, "clickstream", source, clock,
        line -> timeOf(line, "timestamp"));
    this.transactions = new PartitionedFiles(fs, stagingRoot, fileName, maxOpen, "transactions", source, clock,
        line -> timeOf(line, "ordered_at"));
  }

  /** The name every data file of this import has. */
  String fileName() {
    return fileName;
  }

  /** Writes an event to the clickstream partition of its hour. */
  void event(InteractionEvent event) throws IOException {
    long time = event.getTimestamp();
    // building a Path parses a URI: once per hour, not once per event
    Path hour = hours.computeIfAbsent(Math.floorDiv(time, HOUR_MILLIS), h -> staged.clickstreamHour(time));
    clickstream.write(hour, RecordJson.toJson(event), time);
  }

  /** Writes an order to the transactions partition of its date. */
  void order(Order order) throws IOException {
    LocalDate date = Instant.ofEpochMilli(order.getOrderedAt()).atZone(ZoneOffset.UTC).toLocalDate();
    transactions.write(RawZone.datePartition(staged.transactions(), date), RecordJson.toJson(order),
        order.getOrderedAt());
  }

  /** Writes one quarantine line to the quarantine of this dataset, dated by the import's day. */
  void reject(String quarantineLine) throws IOException {
    if (quarantine == null) {
      LocalDate today = clock.instant().atZone(ZoneOffset.UTC).toLocalDate();
      quarantine = RawFileWriter.create(fs, new Path(staged.quarantine(dataset.id(), today), fileName));
    }
    quarantine.write(quarantineLine);
  }

  /**
   * Writes the catalog snapshot of {@code date}. A snapshot of that date from another dataset is not overwritten:
   * a raw zone holds one shop.
   *
   * @param catalogSource what the snapshot's manifest records as its source
   */
  void catalog(List<Product> products, LocalDate date, Map<String, Object> catalogSource) throws IOException {
    Path live = new Path(zone.snapshot("catalog", date), CATALOG_FILE);
    if (fs.exists(Manifest.pathOf(live))) {
      Object owner = Manifest.read(fs, Manifest.pathOf(live)).source().get("dataset");
      if (owner != null && !dataset.id().equals(owner)) {
        throw new IllegalStateException("catalog " + live.getParent() + " holds dataset '" + owner + "', not '"
            + dataset.id() + "': import each dataset into a raw zone of its own");
      }
    }
    try (RawFileWriter writer = RawFileWriter.create(fs, new Path(staged.snapshot("catalog", date), CATALOG_FILE))) {
      for (Product product : products) {
        writer.write(RecordJson.toJson(product));
      }
      productsWritten = writer.commit("catalog", catalogSource, clock).records();
      stagedFiles.add(writer.target());
    }
    catalogSnapshot = zone.snapshot("catalog", date);
  }

  /** Commits every staged file; the counts are then what the files hold. */
  void commit() throws IOException {
    PartitionedFiles.Result events = clickstream.finish();
    PartitionedFiles.Result orders = transactions.finish();
    eventsWritten = events.records();
    ordersWritten = orders.records();
    merged = events.merged() + orders.merged();
    stagedFiles.addAll(events.files().keySet());
    stagedFiles.addAll(orders.files().keySet());
    if (quarantine != null) {
      rejectsWritten = quarantine.commit("quarantine", source, clock).records();
      stagedFiles.add(quarantine.target());
    }
  }

  long eventsWritten() {
    return eventsWritten;
  }

  long ordersWritten() {
    return ordersWritten;
  }

  long rejectsWritten() {
    return rejectsWritten;
  }

  long productsWritten() {
    return productsWritten;
  }

  long merged() {
    return merged;
  }

  /** What {@link #publish} did: the live data files, and how many stale ones it removed. */
  record Published(List<String> files, long staleRemoved) {
  }

  /**
   * Moves every committed file into the raw zone (each data file replaced, then its manifest), points the
   * catalog's {@code _LATEST} at the new snapshot unless a newer one is live, removes this input's files that the
   * import did not write again, and drops the staging tree.
   */
  Published publish() throws IOException {
    String base = stagingRoot.toString() + "/";
    Set<Path> live = new HashSet<>();
    List<String> files = new ArrayList<>();
    for (Path file : stagedFiles) {
      Path target = new Path(zone.root(), file.toString().substring(base.length()));
      fs.delete(Manifest.pathOf(target), false);
      RawFiles.replace(fs, file, target);
      RawFiles.replace(fs, Manifest.pathOf(file), Manifest.pathOf(target));
      live.add(fs.makeQualified(target));
      files.add(target.toString());
    }
    if (catalogSnapshot != null) {
      Path latest = zone.latestSnapshot(fs, "catalog");
      if (latest == null || latest.getName().compareTo(catalogSnapshot.getName()) <= 0) {
        zone.publishLatest(fs, "catalog", catalogSnapshot);
      }
    }
    long stale = 0;
    for (Path pattern : List.of(RawZone.inEveryHour(zone.clickstream(), fileName),
        RawZone.inEveryDate(zone.transactions(), fileName),
        RawZone.inEveryDate(zone.quarantine(dataset.id(), LocalDate.EPOCH).getParent(), fileName))) {
      FileStatus[] found = fs.globStatus(pattern);
      for (FileStatus status : found == null ? new FileStatus[0] : found) {
        if (!live.contains(fs.makeQualified(status.getPath()))) {
          fs.delete(Manifest.pathOf(status.getPath()), false);
          fs.delete(status.getPath(), false);
          stale++;
        }
      }
    }
    fs.delete(stagingRoot, true);
    files.sort(null);
    return new Published(files, stale);
  }

  /** Drops uncommitted writers and the staging tree; after {@link #publish} there is nothing left to drop. */
  @Override
  public void close() throws IOException {
    try {
      clickstream.abort();
      transactions.abort();
      if (quarantine != null) {
        quarantine.abort();
      }
    } finally {
      fs.delete(stagingRoot, true);
    }
  }

  private static long timeOf(String line, String field) {
    try {
      JsonNode node = MAPPER.readTree(line).get(field);
      if (node == null || !node.canConvertToLong()) {
        throw new IllegalStateException("staged line lacks '" + field + "': " + line);
      }
      return node.longValue();
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("staged line is not JSON: " + line, e);
    }
  }
}
