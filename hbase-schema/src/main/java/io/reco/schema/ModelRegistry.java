package io.reco.schema;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.hadoop.hbase.Cell;
import org.apache.hadoop.hbase.CellUtil;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.Delete;
import org.apache.hadoop.hbase.client.Get;
import org.apache.hadoop.hbase.client.Put;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.client.ResultScanner;
import org.apache.hadoop.hbase.client.Scan;
import org.apache.hadoop.hbase.client.Table;
import org.apache.hadoop.hbase.filter.KeyOnlyFilter;

/**
 * The registry of model versions in {@link RecoTables#MODELS}, and the pointer to the one that is served.
 *
 * <p>A pipeline run registers a version as {@link #BUILDING}, bulk-loads its cells beside the live ones, records
 * its {@link Lineage} (which makes it a {@link #CANDIDATE}) and then {@link #promote promotes} it, which happens
 * only when it beats the active version on the validation metric by the configured margin, or when forced. Every
 * switch is one Put on the {@code _active} row, so every reader moves at once; the pointer's earlier values stay
 * as cell versions ({@link RecoTables#MODELS} keeps {@value RecoTables#MODEL_HISTORY}), which is what
 * {@link #rollback} reads. {@link #gc} deletes old versions' cells from the model tables and marks them
 * {@link #RETIRED}; it never touches the active version nor the one a rollback would return to.
 */
public final class ModelRegistry {
  /** Status of a version whose cells are being written. */
  public static final String BUILDING = "building";
  /** Status of a version that is built, with its lineage and metrics, and has never been served. */
  public static final String CANDIDATE = "candidate";
  /** Status of a version that is, or was, served. */
  public static final String PUBLISHED = "published";
  /** Status of a version whose cells {@link #gc} removed: it can no longer be served. */
  public static final String RETIRED = "retired";

  private static final String ACTIVE_ROW = "_active";
  private static final byte[] VERSION = bytes("version");
  private static final byte[] STATUS = bytes("status");
  private static final byte[] CREATED_AT = bytes("created_at");
  private static final byte[] LINEAGE = bytes("lineage");
  private static final byte[] RETIRED_AT = bytes("retired_at");
  private static final String STAT_PREFIX = "stat.";
  private static final int DELETE_BATCH = 1000;
  private static final int SCAN_CACHING = 1000;
  private static final Pattern VALID_VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final DateTimeFormatter VERSION_FORMAT =
      DateTimeFormatter.ofPattern("'v'yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
  /** Newest first; versions registered in the same instant by id, the later id first. */
  private static final Comparator<ModelInfo> NEWEST_FIRST = Comparator.comparing(ModelInfo::createdAt)
      .thenComparing(ModelInfo::version).reversed();

  private final Connection connection;

  /** A registry over an open connection; the caller owns the connection. */
  public ModelRegistry(Connection connection) {
    this.connection = connection;
  }

  /** A new version id for a model built at {@code now}: {@code vYYYYMMDD-HHMMSS} in UTC, sortable by time. */
  public static String newVersion(Instant now) {
    return VERSION_FORMAT.format(now);
  }

  /** The instant a {@link #newVersion} id was made at, or empty when {@code version} is not one of its ids. */
  public static Optional<Instant> timeOf(String version) {
    try {
      return Optional.of(Instant.from(VERSION_FORMAT.parse(version)));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** Rejects ids that cannot serve as a qualifier and a row key. */
  public static String checkVersion(String version) {
    if (version == null || !VALID_VERSION.matcher(version).matches()) {
      throw new IllegalArgumentException("model version must match " + VALID_VERSION + ", was '" + version + "'");
    }
    return version;
  }

  /** Records a version as being built. */
  public void register(String version, Instant createdAt) throws IOException {
    checkVersion(version);
    Put put = new Put(bytes(version))
        .addColumn(family(), STATUS, bytes(BUILDING))
        .addColumn(family(), CREATED_AT, bytes(createdAt.toString()));
    try (Table table = table()) {
      table.put(put);
    }
  }

  /** Adds figures to a version's record. */
  public void recordStats(String version, Map<String, ?> stats) throws IOException {
    Put put = new Put(bytes(checkVersion(version)));
    stats.forEach((name, value) -> put.addColumn(family(), bytes(STAT_PREFIX + name), bytes(String.valueOf(value))));
    if (!put.isEmpty()) {
      try (Table table = table()) {
        table.put(put);
      }
    }
  }

  /**
   * Records where a version came from and the figures it is judged by, replacing any earlier record. A version
   * still {@link #BUILDING} becomes a {@link #CANDIDATE}: its cells are written and it waits for {@link #promote}.
   */
  public void recordLineage(String version, Lineage lineage) throws IOException {
    ModelInfo info = require(version);
    Put put = new Put(bytes(version)).addColumn(family(), LINEAGE, bytes(lineage.toJson()));
    if (info.status().equals(BUILDING)) {
      put.addColumn(family(), STATUS, bytes(CANDIDATE));
    }
    try (Table table = table()) {
      table.put(put);
    }
  }

  /**
   * Makes a registered version the served one, without judging it (an operator's or the servlet's choice; the
   * pipeline goes through {@link #promote}). A retired version has no cells left and is refused.
   */
  public void activate(String version) throws IOException {
    ModelInfo info = describe(version).orElseThrow(() ->
        new IllegalArgumentException("model version " + version + " is not registered"));
    if (info.status().equals(RETIRED)) {
      throw new IllegalStateException("model version " + version + " is retired: gc removed its cells");
    }
    try (Table table = table()) {
      table.put(new Put(bytes(version)).addColumn(family(), STATUS, bytes(PUBLISHED)));
      // One Put is the switch. Its timestamp is after the pointer's last one, so that two switches within a
      // millisecond stay two entries of the history rather than one overwriting the other.
      Cell last = table.get(new Get(bytes(ACTIVE_ROW)).addColumn(family(), VERSION))
          .getColumnLatestCell(family(), VERSION);
      long at = Math.max(System.currentTimeMillis(), last == null ? 0 : last.getTimestamp() + 1);
      table.put(new Put(bytes(ACTIVE_ROW)).addColumn(family(), VERSION, at, bytes(version)));
    }
  }

  /** The served version, if any has been activated. */
  public Optional<String> activeVersion() throws IOException {
    try (Table table = table()) {
      byte[] value = table.get(new Get(bytes(ACTIVE_ROW)).addColumn(family(), VERSION)).getValue(family(), VERSION);
      return value == null ? Optional.empty() : Optional.of(string(value));
    }
  }

  /** The version that was active before the current one: where {@link #rollback} goes. */
  public Optional<String> predecessor() throws IOException {
    List<String> history = pointerHistory();
    return history.stream().skip(1).filter(v -> !v.equals(history.get(0))).findFirst();
  }

  /** A version's record. */
  public Optional<ModelInfo> describe(String version) throws IOException {
    Result result;
    try (Table table = table()) {
      result = table.get(new Get(bytes(checkVersion(version))).addFamily(family()));
    }
    if (result.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(info(result, activeVersion().orElse(null)));
  }

  /** Every registered version, newest first; {@link ModelInfo#active} marks the served one. */
  public List<ModelInfo> list() throws IOException {
    String active = activeVersion().orElse(null);
    List<ModelInfo> versions = new ArrayList<>();
    try (Table table = table(); ResultScanner rows = table.getScanner(new Scan().addFamily(family()))) {
      for (Result row : rows) {
        if (!string(row.getRow()).equals(ACTIVE_ROW) && row.getValue(family(), STATUS) != null) {
          versions.add(info(row, active));
        }
      }
    }
    versions.sort(NEWEST_FIRST);
    return versions;
  }

  /**
   * Makes {@code candidate} the served version if it beats the active one on {@code metric} by more than
   * {@code margin} (a fraction: 0.01 asks for 1% better, {@code candidate > active * (1 + margin)}), or when no
   * version is active, or when {@code force} is set. A version still building, or retired, is never promoted; nor
   * is one without {@code metric} in its lineage, or against an active one without it, unless forced.
   *
   * @throws IllegalArgumentException for a version never registered
   */
  public Promotion promote(String candidate, String metric, double margin, boolean force) throws IOException {
    ModelInfo info = require(candidate);
    String active = activeVersion().orElse(null);
    if (candidate.equals(active)) {
      return new Promotion(candidate, active, false, candidate + " is already the active version");
    }
    if (info.status().equals(BUILDING) || info.status().equals(RETIRED)) {
      return new Promotion(candidate, active, false, candidate + " is " + info.status()
          + (info.status().equals(BUILDING) ? "; its cells may be incomplete" : "; gc removed its cells"));
    }
    Optional<Double> score = info.metric(metric);
    Optional<Double> activeScore = active == null ? Optional.empty() : require(active).metric(metric);
    String reason;
    if (active == null) {
      reason = "no version was active; " + candidate + " " + metric + " " + figure(score);
    } else if (force) {
      reason = "forced: " + candidate + " " + metric + " " + figure(score) + " against " + active + " "
          + figure(activeScore);
    } else if (score.isEmpty()) {
      return refuse(candidate, active, candidate + " has no " + metric + " recorded; promote it with force");
    } else if (activeScore.isEmpty()) {
      return refuse(candidate, active, "active " + active + " has no " + metric + " recorded to compare "
          + candidate + " " + figure(score) + " with; promote it with force");
    } else {
      double needed = activeScore.get() + Math.abs(activeScore.get()) * margin;
      String comparison = String.format(Locale.ROOT, "%s %s %s %s active %s %s by more than %s (needs > %s)",
          candidate, metric, figure(score), score.get() > needed ? "beats" : "does not beat", active,
          figure(activeScore), percent(margin), figure(Optional.of(needed)));
      if (score.get() <= needed) {
        return refuse(candidate, active, comparison);
      }
      reason = comparison;
    }
    activate(candidate);
    return new Promotion(candidate, active, true, reason);
  }

  /**
   * Serves again the version that was active before the current one, as the pointer's history says.
   *
   * @throws IllegalStateException when no version is active or none was before it
   */
  public Promotion rollback() throws IOException {
    String active = activeVersion().orElseThrow(() ->
        new IllegalStateException("no model version is active; nothing to roll back"));
    String target = predecessor().orElseThrow(() -> new IllegalStateException("no version was active before "
        + active + " (the registry keeps the last " + RecoTables.MODEL_HISTORY + " switches); nothing to roll back"
        + " to"));
    activate(target);
    return new Promotion(target, active, true, "rolled back from " + active + " to " + target);
  }

  /**
   * Deletes the cells of old versions from every model table and marks them {@link #RETIRED}. It keeps the
   * {@code keep} newest published versions, and always the active one, its predecessor (the rollback target) and
   * the versions registered after the active one that were never served (candidates, builds under way) unless
   * {@code candidatesToo}. Candidates and builds older than the active one were passed over, and go.
   *
   * @param keep how many of the newest published versions to keep, 0 or more
   * @param candidatesToo whether unserved versions newer than the active one may go too
   * @param dryRun count what would go and delete nothing
   */
  public GcReport gc(int keep, boolean candidatesToo, boolean dryRun) throws IOException {
    if (keep < 0) {
      throw new IllegalArgumentException("gc keeps 0 or more published versions, was asked to keep " + keep);
    }
    List<String> doomed = doomed(list(), keep, candidatesToo);
    Map<String, Long> byTable = new LinkedHashMap<>();
    Map<String, Long> byVersion = new LinkedHashMap<>();
    doomed.forEach(v -> byVersion.put(v, 0L));
    if (!doomed.isEmpty()) {
      for (TableSpec spec : RecoTables.MODEL_TABLES) {
        byTable.put(spec.name(), deleteColumns(spec, doomed, byVersion, dryRun));
      }
      if (!dryRun) {
        retire(doomed);
      }
    }
    return new GcReport(List.copyOf(doomed), byTable, byVersion, dryRun);
  }

  /** The versions {@link #gc} removes from {@code versions} (newest first), newest first. */
  private List<String> doomed(List<ModelInfo> versions, int keep, boolean candidatesToo) throws IOException {
    ModelInfo active = versions.stream().filter(ModelInfo::active).findFirst().orElse(null);
    Set<String> kept = new LinkedHashSet<>();
    if (active != null) {
      kept.add(active.version());
    }
    predecessor().ifPresent(kept::add);
    versions.stream().filter(v -> v.status().equals(PUBLISHED)).limit(keep).forEach(v -> kept.add(v.version()));
    List<String> doomed = new ArrayList<>();
    for (ModelInfo v : versions) {
      if (v.status().equals(RETIRED) || kept.contains(v.version())) {
        continue;
      }
      boolean unserved = !v.status().equals(PUBLISHED);
      boolean newer = active == null || NEWEST_FIRST.compare(v, active) < 0;
      if (unserved && newer && !candidatesToo) {
        continue;
      }
      doomed.add(v.version());
    }
    return doomed;
  }

  /** Deletes (or counts) every cell of {@code versions} in one model table; returns how many. */
  private long deleteColumns(TableSpec spec, List<String> versions, Map<String, Long> byVersion, boolean dryRun)
      throws IOException {
    byte[] family = spec.family().bytes();
    Scan scan = new Scan().setCaching(SCAN_CACHING).setFilter(new KeyOnlyFilter());
    versions.forEach(v -> scan.addColumn(family, ScoredLists.qualifier(v)));
    long cells = 0;
    List<Delete> batch = new ArrayList<>();
    try (Table table = connection.getTable(spec.tableName()); ResultScanner rows = table.getScanner(scan)) {
      for (Result row : rows) {
        Delete delete = new Delete(row.getRow());
        for (Cell cell : row.rawCells()) {
          byte[] qualifier = CellUtil.cloneQualifier(cell);
          delete.addColumns(family, qualifier);
          byVersion.merge(string(qualifier), 1L, Long::sum);
          cells++;
        }
        batch.add(delete);
        if (batch.size() >= DELETE_BATCH) {
          flush(table, batch, dryRun);
        }
      }
      flush(table, batch, dryRun);
    }
    return cells;
  }

  private static void flush(Table table, List<Delete> batch, boolean dryRun) throws IOException {
    if (!dryRun && !batch.isEmpty()) {
      table.delete(batch);
    }
    batch.clear();
  }

  private void retire(List<String> versions) throws IOException {
    byte[] now = bytes(Instant.now().toString());
    List<Put> puts = new ArrayList<>();
    for (String version : versions) {
      puts.add(new Put(bytes(version)).addColumn(family(), STATUS, bytes(RETIRED))
          .addColumn(family(), RETIRED_AT, now));
    }
    try (Table table = table()) {
      table.put(puts);
    }
  }

  /** The active pointer's values, newest first. */
  private List<String> pointerHistory() throws IOException {
    Result result;
    try (Table table = table()) {
      result = table.get(new Get(bytes(ACTIVE_ROW)).addColumn(family(), VERSION)
          .readVersions(RecoTables.MODELS.family().maxVersions()));
    }
    List<String> history = new ArrayList<>();
    for (Cell cell : result.getColumnCells(family(), VERSION)) {
      history.add(string(CellUtil.cloneValue(cell)));
    }
    return history;
  }

  private ModelInfo require(String version) throws IOException {
    return describe(version).orElseThrow(() ->
        new IllegalArgumentException("model version " + version + " is not registered"));
  }

  private static Promotion refuse(String candidate, String active, String reason) {
    return new Promotion(candidate, active, false, reason);
  }

  private static ModelInfo info(Result result, String active) {
    String version = string(result.getRow());
    Map<String, String> stats = new TreeMap<>();
    NavigableMap<byte[], byte[]> cells = result.getFamilyMap(family());
    cells.forEach((qualifier, value) -> {
      String name = string(qualifier);
      if (name.startsWith(STAT_PREFIX)) {
        stats.put(name.substring(STAT_PREFIX.length()), string(value));
      }
    });
    String status = string(result.getValue(family(), STATUS));
    byte[] created = result.getValue(family(), CREATED_AT);
    Instant createdAt = created == null ? Instant.EPOCH : Instant.parse(string(created));
    byte[] lineage = result.getValue(family(), LINEAGE);
    return new ModelInfo(version, status, createdAt, stats,
        lineage == null ? Optional.empty() : Optional.of(Lineage.fromJson(string(lineage))), version.equals(active));
  }

  private static String figure(Optional<Double> value) {
    return value.map(v -> String.format(Locale.ROOT, "%.4f", v)).orElse("(none)");
  }

  private static String percent(double fraction) {
    return String.format(Locale.ROOT, "%.1f%%", fraction * 100);
  }

  private Table table() throws IOException {
    return connection.getTable(RecoTables.MODELS.tableName());
  }

  private static byte[] family() {
    return RecoTables.MODELS.family().bytes();
  }

  private static String string(byte[] value) {
    return new String(value, StandardCharsets.UTF_8);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
