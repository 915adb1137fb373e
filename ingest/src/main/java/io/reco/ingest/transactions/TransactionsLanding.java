package io.reco.ingest.transactions;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.reco.ingest.raw.RawVerifier;
import io.reco.records.InvalidRecordException;
import io.reco.records.RejectReason;
import io.reco.records.TransactionRows;
import io.reco.records.raw.Quarantine;
import io.reco.records.raw.RawFileWriter;
import io.reco.records.raw.RawFiles;
import io.reco.records.raw.RawZone;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves delivered transaction CSV files from a landing directory into the raw zone. Each file's rows are checked
 * ({@link TransactionRows}) and split by transaction date into {@code transactions/dt=YYYY-MM-DD/}, keeping the
 * delivered header and values; bad rows go to {@code quarantine/transactions/} with their line number and reason.
 * Outputs are named after the file's MD5, so a run interrupted halfway is simply run again. Once a file's outputs
 * are committed, a ledger entry under {@code transactions/_ingested/<md5>.json} records it, and the file moves to
 * the archive. A file whose MD5 is in the ledger (a re-delivery, under any name) is archived without being ingested
 * twice.
 */
public final class TransactionsLanding {
  private static final Logger LOG = LoggerFactory.getLogger(TransactionsLanding.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final CSVFormat CSV = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
      .setAllowMissingColumnNames(true).build();
  private static final CSVFormat LINE = CSVFormat.DEFAULT.builder().setRecordSeparator("").build();

  /** What happened to one landed file. */
  public enum Status {
    /** Its rows are in the raw zone now. */
    INGESTED,
    /** The same bytes were ingested before; only archived. */
    ALREADY_INGESTED
  }

  /**
   * The outcome for one file; {@code rows == written + quarantined}.
   *
   * @param perDate rows written per transaction date
   */
  public record FileReport(String file, String md5, Status status, String kind, long rows, long written,
                           long quarantined, Map<String, Long> perDate) {
    @Override
    public String toString() {
      return file + " (" + md5.substring(0, 12) + "): " + (status == Status.ALREADY_INGESTED
          ? "already ingested, archived only"
          : kind + ", " + rows + " rows: " + written + " written " + perDate + ", " + quarantined + " quarantined");
    }
  }

  private final FileSystem fs;
  private final RawZone zone;
  private final Path archive;
  private final Clock clock;

  /** A landing-zone ingest into {@code zone}, archiving originals under {@code archive}. */
  public TransactionsLanding(FileSystem fs, RawZone zone, Path archive, Clock clock) {
    this.fs = fs;
    this.zone = zone;
    this.archive = archive;
    this.clock = clock;
  }

  /** Ingests every visible {@code .csv} file in {@code landing}, oldest name first. */
  public List<FileReport> ingest(Path landing) throws IOException {
    if (!fs.exists(landing)) {
      throw new IllegalArgumentException("landing directory " + landing + " does not exist");
    }
    FileStatus[] files = fs.listStatus(landing, p -> RawFiles.VISIBLE.accept(p) && p.getName().endsWith(".csv"));
    Arrays.sort(files);
    List<FileReport> reports = new ArrayList<>();
    for (FileStatus file : files) {
      if (file.isFile()) {
        FileReport report = ingestFile(file.getPath());
        LOG.info("{}", report);
        reports.add(report);
      }
    }
    return reports;
  }

  private Path ledger(String md5) {
    return new Path(new Path(zone.transactions(), "_ingested"), md5 + ".json");
  }

  private FileReport ingestFile(Path file) throws IOException {
    String md5 = RawVerifier.md5(fs, file);
    FileReport report;
    if (fs.exists(ledger(md5))) {
      report = new FileReport(file.getName(), md5, Status.ALREADY_INGESTED, null, 0, 0, 0, Map.of());
    } else {
      report = split(file, md5);
      if (report.rows() != report.written() + report.quarantined()) {
        throw new IllegalStateException(file + ": " + report.rows() + " rows read but " + report.written()
            + " written and " + report.quarantined() + " quarantined");
      }
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("file", file.getName());
      entry.put("md5", md5);
      entry.put("kind", report.kind());
      entry.put("rows", report.rows());
      entry.put("written", report.written());
      entry.put("quarantined", report.quarantined());
      entry.put("per_date", report.perDate());
      entry.put("ingested_at", clock.instant().toString());
      Path tmp = new Path(ledger(md5).getParent(), "_" + md5 + ".tmp");
      try (FSDataOutputStream out = fs.create(tmp, true)) {
        out.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(entry));
        out.hsync();
      }
      RawFiles.replace(fs, tmp, ledger(md5));
    }
    archive(file, md5);
    return report;
  }

  private FileReport split(Path file, String md5) throws IOException {
    String stem = md5.substring(0, 12);
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    Map<LocalDate, RawFileWriter> byDate = new TreeMap<>();
    RawFileWriter rejects = null;
    Map<String, Object> source = Map.of("file", file.getName(), "md5", md5);
    long rows = 0;
    TransactionRows.Kind kind = null;
    try (Reader reader = new InputStreamReader(fs.open(file), StandardCharsets.UTF_8);
         CSVParser parser = CSV.parse(reader)) {
      List<String> header = parser.getHeaderNames();
      String headerProblem = null;
      try {
        kind = TransactionRows.kindOf(header);
      } catch (IllegalArgumentException e) {
        headerProblem = e.getMessage();
      }
      String fileStem = (kind == null ? "unknown" : kind.fileName()) + "-" + stem;
      for (CSVRecord record : parser) {
        rows++;
        List<String> values = record.toList();
        long line = record.getParser().getCurrentLineNumber();
        try {
          if (headerProblem != null) {
            throw new InvalidRecordException(RejectReason.MISSING_FIELD, null, headerProblem);
          }
          long time = TransactionRows.check(kind, header, values);
          LocalDate date = LocalDate.ofInstant(Instant.ofEpochMilli(time), ZoneOffset.UTC);
          RawFileWriter writer = byDate.get(date);
          if (writer == null) {
            writer = RawFileWriter.create(fs, new Path(RawZone.datePartition(zone.transactions(), date),
                fileStem + ".csv"));
            writer.writeHeader(csvLine(header));
            byDate.put(date, writer);
          }
          writer.write(csvLine(values), time);
        } catch (InvalidRecordException e) {
          if (rejects == null) {
            rejects = RawFileWriter.create(fs, new Path(zone.quarantine("transactions", today), fileStem + ".jsonl"));
          }
          rejects.write(Quarantine.record(e.reason().name(), e.field(), file.getName() + ":" + line,
              e.getMessage(), csvLine(values)));
        }
      }
      Map<String, Long> perDate = new TreeMap<>();
      long written = 0;
      for (Map.Entry<LocalDate, RawFileWriter> e : byDate.entrySet()) {
        e.getValue().commit("transactions", withKind(source, kind), clock);
        perDate.put(e.getKey().toString(), e.getValue().records());
        written += e.getValue().records();
      }
      long quarantined = 0;
      if (rejects != null) {
        rejects.commit("quarantine", source, clock);
        quarantined = rejects.records();
      }
      return new FileReport(file.getName(), md5, Status.INGESTED, kind == null ? "unknown" : kind.fileName(), rows,
          written, quarantined, perDate);
    } catch (IOException | RuntimeException e) {
      for (RawFileWriter writer : byDate.values()) {
        writer.abort();
      }
      if (rejects != null) {
        rejects.abort();
      }
      if (e instanceof IOException io) {
        throw new IOException(file + ": " + io.getMessage(), io);
      }
      throw (RuntimeException) e;
    }
  }

  private static Map<String, Object> withKind(Map<String, Object> source, TransactionRows.Kind kind) {
    Map<String, Object> out = new LinkedHashMap<>(source);
    out.put("kind", kind.fileName());
    return out;
  }

  /** One CSV line of {@code values} as the raw zone's transaction files hold them, without its line break. */
  public static String csvLine(List<String> values) throws IOException {
    StringBuilder line = new StringBuilder();
    LINE.printRecord(line, values.toArray());
    return line.toString();
  }

  private void archive(Path file, String md5) throws IOException {
    Path dir = RawZone.datePartition(archive, LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
    fs.mkdirs(dir);
    Path target = new Path(dir, file.getName());
    if (fs.exists(target)) {
      target = new Path(dir, file.getName() + "." + md5.substring(0, 12));
    }
    if (fs.exists(target)) {
      fs.delete(file, false);
    } else if (!fs.rename(file, target)) {
      throw new IOException("cannot move " + file + " to " + target);
    }
  }
}
