package io.reco.schema;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.Get;
import org.apache.hadoop.hbase.client.Put;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.client.Table;

/**
 * The registry of model versions in {@link RecoTables#MODELS}, and the pointer to the one that is served.
 *
 * <p>A pipeline run registers a version as {@code building}, bulk-loads its cells beside the live ones, and
 * then {@link #activate activates} it: one Put on the {@code _active} row switches every reader at once. The
 * pointer's earlier values stay as cell versions, which is the rollback history.
 */
public final class ModelRegistry {
  /** Status of a version whose cells are being written. */
  public static final String BUILDING = "building";
  /** Status of a version that is, or was, served. */
  public static final String PUBLISHED = "published";

  private static final String ACTIVE_ROW = "_active";
  private static final byte[] VERSION = bytes("version");
  private static final byte[] STATUS = bytes("status");
  private static final byte[] CREATED_AT = bytes("created_at");
  private static final String STAT_PREFIX = "stat.";
  private static final Pattern VALID_VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final DateTimeFormatter VERSION_FORMAT =
      DateTimeFormatter.ofPattern("'v'yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private final Connection connection;

  /** A registry over an open connection; the caller owns the connection. */
  public ModelRegistry(Connection connection) {
    this.connection = connection;
  }

  /** A new version id for a model built at {@code now}: {@code vYYYYMMDD-HHMMSS} in UTC, sortable by time. */
  public static String newVersion(Instant now) {
    return VERSION_FORMAT.format(now);
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

  /** Makes a registered version the served one. */
  public void activate(String version) throws IOException {
    if (describe(version).isEmpty()) {
      throw new IllegalArgumentException("model version " + version + " is not registered");
    }
    try (Table table = table()) {
      table.put(new Put(bytes(version)).addColumn(family(), STATUS, bytes(PUBLISHED)));
      table.put(new Put(bytes(ACTIVE_ROW)).addColumn(family(), VERSION, bytes(version)));
    }
  }

  /** The served version, if any has been activated. */
  public Optional<String> activeVersion() throws IOException {
    try (Table table = table()) {
      byte[] value = table.get(new Get(bytes(ACTIVE_ROW)).addColumn(family(), VERSION)).getValue(family(), VERSION);
      return value == null ? Optional.empty() : Optional.of(new String(value, StandardCharsets.UTF_8));
    }
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
    Map<String, String> stats = new TreeMap<>();
    NavigableMap<byte[], byte[]> cells = result.getFamilyMap(family());
    cells.forEach((qualifier, value) -> {
      String name = new String(qualifier, StandardCharsets.UTF_8);
      if (name.startsWith(STAT_PREFIX)) {
        stats.put(name.substring(STAT_PREFIX.length()), new String(value, StandardCharsets.UTF_8));
      }
    });
    String status = new String(result.getValue(family(), STATUS), StandardCharsets.UTF_8);
    Instant createdAt = Instant.parse(new String(result.getValue(family(), CREATED_AT), StandardCharsets.UTF_8));
    return Optional.of(new ModelInfo(version, status, createdAt, stats));
  }

  private Table table() throws IOException {
    return connection.getTable(RecoTables.MODELS.tableName());
  }

  private static byte[] family() {
    return RecoTables.MODELS.family().bytes();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
