package io.reco.ingest.master;

import io.reco.commands.RecoTool;
import io.reco.commands.UsageException;
import io.reco.records.Settings;
import io.reco.records.raw.Manifest;
import io.reco.records.raw.RawFileWriter;
import io.reco.records.raw.RawZone;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code master --entity catalog|customers --input <export file> --raw <raw zone> [--date YYYY-MM-DD]}: turns one
 * catalog or customers export (CSV with a header, or JSON lines; see {@link MasterEntity} for the columns) into the
 * entity's snapshot of that date (default: today, UTC) under {@code master/<entity>/snapshot=YYYY-MM-DD/}, one
 * {@code <entity>.jsonl} of canonical records with its manifest (source: the export's file name and MD5). Rejected
 * rows go to {@code quarantine/<entity>/dt=YYYY-MM-DD/<entity>.jsonl}. Re-running a date replaces its snapshot and
 * quarantine; {@code _LATEST} moves to the new snapshot once it is in place ({@link MasterSnapshots}).
 *
 * <p>Customers' e-mail addresses are replaced by their keyed hash ({@link EmailHasher}); no address is written to
 * the raw zone or the log. Configuration:
 * <ul>
 *   <li>{@value #EMAIL_HASH_KEY_FILE}: a file (any Hadoop file system) holding the hash key as text, trimmed.</li>
 *   <li>{@value #EMAIL_HASH_KEY}: the key itself; read through Hadoop's credential providers first, so it can be
 *   kept out of plain configuration. Customers need exactly one of the two; no default.</li>
 *   <li>{@value #MAX_REJECT_FRACTION}: the share of rejected rows above which the snapshot is not installed
 *   (default in reco-default.xml). An export with no valid row is never installed.</li>
 * </ul>
 */
@Command(name = MasterSyncTool.NAME, description = "catalog or customers export -> dated snapshot, e-mails hashed")
public final class MasterSyncTool extends RecoTool {
  /** The command name. */
  public static final String NAME = "ingest-master";
  /** The e-mail hash key itself. */
  public static final String EMAIL_HASH_KEY = "reco.ingest.email-hash-key";
  /** A file holding the e-mail hash key. */
  public static final String EMAIL_HASH_KEY_FILE = "reco.ingest.email-hash-key-file";
  /** The share of rejected rows above which a snapshot is refused. */
  public static final String MAX_REJECT_FRACTION = "reco.ingest.master.max-reject-fraction";

  private static final Logger LOG = LoggerFactory.getLogger(MasterSyncTool.class);

  private final PrintStream out;
  private final Clock clock;

  @Option(names = "--entity", required = true, description = "catalog or customers.")
  private MasterEntity entity;
  @Option(names = "--input", required = true, description = "The export: CSV or JSON lines.")
  private Path input;
  @Option(names = "--raw", required = true, description = "Root of the raw zone.")
  private Path raw;
  @Option(names = "--date", description = "The snapshot's date, YYYY-MM-DD (default: today, UTC).")
  private LocalDate date;

  /** A tool that prints to {@code out} and takes today and commit times from {@code clock}. */
  public MasterSyncTool(PrintStream out, Clock clock) {
    this.out = out;
    this.clock = clock;
  }

  /** A tool that prints to standard output. */
  public MasterSyncTool() {
    this(System.out, Clock.systemUTC());
  }

  @Override
  protected int execute() throws Exception {
    Configuration conf = getConf();
    try {
      ExportReader.Format.of(input.getName());
    } catch (IllegalArgumentException e) {
      throw new UsageException(NAME + ": Invalid value for option '--input': " + e.getMessage());
    }
    LocalDate day = date == null ? LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC) : date;
    double maxRejects = Settings.getDouble(conf, MAX_REJECT_FRACTION);
    if (!(maxRejects >= 0 && maxRejects <= 1)) {
      throw new IllegalArgumentException(NAME + ": " + MAX_REJECT_FRACTION + " must lie between 0 and 1, is "
          + conf.get(MAX_REJECT_FRACTION));
    }
    MasterRecordParser parser = entity == MasterEntity.CUSTOMERS
        ? new CustomerParser(new EmailHasher(emailHashKey(conf))) : new ProductParser();
    FileSystem inputFs = input.getFileSystem(conf);
    if (!inputFs.isFile(input)) {
      throw new IllegalArgumentException(NAME + ": --input " + input + " is not a file");
    }
    FileSystem fs = raw.getFileSystem(conf);
    RawZone zone = new RawZone(fs.makeQualified(raw));
    return sync(entity, parser, inputFs, inputFs.makeQualified(input), fs, zone, day, maxRejects);
  }

  private int sync(MasterEntity entity, MasterRecordParser parser, FileSystem inputFs, Path input, FileSystem fs,
                   RawZone zone, LocalDate date, double maxRejects) throws IOException {
    MasterSnapshots snapshots = new MasterSnapshots(fs, zone, entity.id());
    Path staging = snapshots.prepare(date);
    Path quarantine = new Path(zone.quarantine(entity.id(), date), entity.fileName());
    RawFileWriter records = RawFileWriter.create(fs, new Path(staging, entity.fileName()));
    LazyRawFile rejects = new LazyRawFile(fs, quarantine);
    boolean done = false;
    try {
      MessageDigest md5 = md5();
      MasterSync.Counts counts;
      try (InputStream in = new DigestInputStream(inputFs.open(input), md5);
           ExportReader export = ExportReader.open(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()),
               input.getName(), entity)) {
        counts = MasterSync.sync(export, entity, parser, records::write, rejects::write);
        in.transferTo(OutputStream.nullOutputStream());
      }
      String sum = HexFormat.of().formatHex(md5.digest());
      Map<String, Object> source = Map.of("file", input.getName(), "md5", sum);
      String what = entity.id() + " export " + input.getName() + " (md5 " + sum + "): " + counts;
      out.println(NAME + ": " + what);
      rejects.commitOrClear("quarantine", source, clock);
      if (rejects.records() > 0) {
        out.println(NAME + ": " + rejects.records() + " rejected rows in " + quarantine);
      }
      if (counts.written() == 0 || counts.rejectedFraction() > maxRejects) {
        throw new IllegalStateException(String.format("%s: %s rejected %d of %d rows (%.1f%%), more than %s=%s "
                + "allows; snapshot of %s not installed", NAME, input.getName(), counts.rejectedTotal(),
            counts.rowsRead(), 100 * counts.rejectedFraction(), MAX_REJECT_FRACTION, maxRejects, date));
      }
      records.commit(entity.id(), source, clock);
      Path snapshot = snapshots.install(date);
      Path latest = snapshots.publish(date);
      done = true;
      String published = RawZone.LATEST + (latest.equals(snapshot) ? " -> " + latest.getName()
          : " stays at the later " + latest.getName());
      out.println(NAME + ": snapshot " + snapshot + " committed; " + published);
      LOG.info("{}: {} -> {}; {}", NAME, what, snapshot, published);
      return 0;
    } finally {
      if (!done) {
        records.abort();
        rejects.abort();
        snapshots.discard(date);
      }
    }
  }

  /** The e-mail hash key from the configuration; the errors say what to set. */
  public static byte[] emailHashKey(Configuration conf) throws IOException {
    char[] inline = conf.getPassword(EMAIL_HASH_KEY);
    String file = conf.getTrimmed(EMAIL_HASH_KEY_FILE);
    boolean hasInline = inline != null && inline.length > 0;
    boolean hasFile = file != null && !file.isEmpty();
    if (hasInline && hasFile) {
      throw new IllegalArgumentException(NAME + ": set " + EMAIL_HASH_KEY + " or " + EMAIL_HASH_KEY_FILE
          + ", not both");
    }
    if (!hasInline && !hasFile) {
      throw new IllegalArgumentException(NAME + ": customers need an e-mail hash key: set " + EMAIL_HASH_KEY_FILE
          + " to a file holding it, or " + EMAIL_HASH_KEY);
    }
    String key;
    String origin;
    if (hasInline) {
      key = new String(inline).trim();
      Arrays.fill(inline, '\0');
      origin = EMAIL_HASH_KEY;
    } else {
      Path path = new Path(file);
      FileSystem keyFs = path.getFileSystem(conf);
      if (!keyFs.isFile(path)) {
        throw new IllegalArgumentException(NAME + ": " + EMAIL_HASH_KEY_FILE + " " + path + " is not a file");
      }
      try (FSDataInputStream in = keyFs.open(path)) {
        key = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
      }
      origin = EMAIL_HASH_KEY_FILE + " " + path;
    }
    byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
    if (bytes.length < EmailHasher.MIN_KEY_BYTES) {
      throw new IllegalArgumentException(NAME + ": the e-mail hash key in " + origin + " must be at least "
          + EmailHasher.MIN_KEY_BYTES + " bytes, is " + bytes.length);
    }
    return bytes;
  }

  private static MessageDigest md5() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM has no MD5", e);
    }
  }

  /** A raw file created only when its first line comes: a quarantine that stays absent when nothing is rejected. */
  private static final class LazyRawFile {
    private final FileSystem fs;
    private final Path target;
    private RawFileWriter writer;

    LazyRawFile(FileSystem fs, Path target) {
      this.fs = fs;
      this.target = target;
    }

    void write(String line) throws IOException {
      if (writer == null) {
        writer = RawFileWriter.create(fs, target);
      }
      writer.write(line);
    }

    long records() {
      return writer == null ? 0 : writer.records();
    }

    /** Commits the lines written, or, when there were none, removes what an earlier run committed here. */
    void commitOrClear(String kind, Map<String, Object> source, Clock clock) throws IOException {
      if (writer != null) {
        writer.commit(kind, source, clock);
      } else {
        for (Path stale : new Path[] {Manifest.pathOf(target), target}) {
          if (fs.exists(stale) && !fs.delete(stale, false)) {
            throw new IOException("cannot delete " + stale);
          }
        }
      }
    }

    void abort() throws IOException {
      if (writer != null) {
        writer.abort();
      }
    }
  }
}
