package io.reco.ingest.importers;

import io.reco.records.RejectReason;
import io.reco.records.avro.EventType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What one import did, in the figures a user checks: rows read, events by type, cancellations, rejects by reason,
 * the catalog, the files written. It {@link #reconcile reconciles}: every row read is an event, a cancellation or a
 * reject (and every item row is used, ignored or rejected), and the files hold exactly what was counted.
 */
public final class ImportReport {
  private static final String NAME_PREFIX = "import ";

  private final Dataset dataset;
  private final String input;
  private final String inputMd5;
  private long rowsRead;
  private final Map<EventType, Long> events = new EnumMap<>(EventType.class);
  private long cancellations;
  private long cancelledOrders;
  private final Map<RejectReason, Long> rejects = new EnumMap<>(RejectReason.class);
  private long users;
  private long products;
  private long sessions = -1;
  private String items;
  private long itemRowsRead;
  private long itemRowsUsed;
  private long itemRowsIgnored;
  private final Map<RejectReason, Long> itemRejects = new EnumMap<>(RejectReason.class);
  private long catalogProducts;
  private String catalogSnapshot;
  private long eventsWritten;
  private long ordersWritten;
  private long rejectsWritten;
  private long productsWritten;
  private final List<String> files = new ArrayList<>();
  private long merged;
  private long staleRemoved;

  /** An empty report of importing {@code input} (its name) whose MD5 is {@code inputMd5}. */
  public ImportReport(Dataset dataset, String input, String inputMd5) {
    this.dataset = dataset;
    this.input = input;
    this.inputMd5 = inputMd5;
  }

  void rowRead() {
    rowsRead++;
  }

  void event(EventType type) {
    events.merge(type, 1L, Long::sum);
  }

  void cancellation() {
    cancellations++;
  }

  void reject(RejectReason reason) {
    rejects.merge(reason, 1L, Long::sum);
  }

  void distinct(long users, long products) {
    this.users = users;
    this.products = products;
  }

  void sessions(long sessions) {
    this.sessions = sessions;
  }

  void items(String items) {
    this.items = items;
  }

  void itemRowRead() {
    itemRowsRead++;
  }

  void itemRow(boolean used) {
    if (used) {
      itemRowsUsed++;
    } else {
      itemRowsIgnored++;
    }
  }

  void itemReject(RejectReason reason) {
    itemRejects.merge(reason, 1L, Long::sum);
  }

  void catalog(long products, String snapshot) {
    this.catalogProducts = products;
    this.catalogSnapshot = snapshot;
  }

  void cancelledOrders(long orders) {
    this.cancelledOrders = orders;
  }

  void written(long events, long orders, long rejects, long products, long mergedPartitions) {
    this.eventsWritten = events;
    this.ordersWritten = orders;
    this.rejectsWritten = rejects;
    this.productsWritten = products;
    this.merged = mergedPartitions;
  }

  void published(List<String> files, long staleRemoved) {
    this.files.addAll(files);
    this.staleRemoved = staleRemoved;
  }

  /** The dataset imported. */
  public Dataset dataset() {
    return dataset;
  }

  /** The MD5 of the input file, hex. */
  public String inputMd5() {
    return inputMd5;
  }

  /** Data rows of the input, header excluded. */
  public long rowsRead() {
    return rowsRead;
  }

  /** Events of one type. */
  public long events(EventType type) {
    return events.getOrDefault(type, 0L);
  }

  /** All events. */
  public long events() {
    return sum(events);
  }

  /** Events by type. */
  public Map<EventType, Long> eventsByType() {
    return Collections.unmodifiableMap(events);
  }

  /** Cancellation rows (Online Retail). */
  public long cancellations() {
    return cancellations;
  }

  /** Cancelled orders those rows make up. */
  public long cancelledOrders() {
    return cancelledOrders;
  }

  /** Rejected rows of the input. */
  public long rejected() {
    return sum(rejects);
  }

  /** Rejected rows of the input, by reason. */
  public Map<RejectReason, Long> rejectsByReason() {
    return Collections.unmodifiableMap(rejects);
  }

  /** Distinct users among the events. */
  public long users() {
    return users;
  }

  /** Distinct products among the events. */
  public long products() {
    return products;
  }

  /** Sessions derived by inactivity gaps, or -1 when the dataset brings its own. */
  public long sessions() {
    return sessions;
  }

  /** Rows of the item files (item properties, movies). */
  public long itemRowsRead() {
    return itemRowsRead;
  }

  /** Item rows that fed the catalog. */
  public long itemRowsUsed() {
    return itemRowsUsed;
  }

  /** Item rows with nothing a catalog can use (RetailRocket's hashed properties). */
  public long itemRowsIgnored() {
    return itemRowsIgnored;
  }

  /** Rejected item rows, by reason. */
  public Map<RejectReason, Long> itemRejectsByReason() {
    return Collections.unmodifiableMap(itemRejects);
  }

  /** Products in the catalog snapshot, 0 when none was written. */
  public long catalogProducts() {
    return catalogProducts;
  }

  /** The catalog snapshot written ({@code snapshot=YYYY-MM-DD}), or null. */
  public String catalogSnapshot() {
    return catalogSnapshot;
  }

  /** Data files written, paths as published. */
  public List<String> files() {
    return Collections.unmodifiableList(files);
  }

  /** Partitions whose writer was closed to bound open files and whose pieces were merged into one file. */
  public long mergedPartitions() {
    return merged;
  }

  /** Files of an earlier import of the same input that this one made obsolete and removed. */
  public long staleRemoved() {
    return staleRemoved;
  }

  /** Fails with one line naming the difference when the counts do not add up. */
  public void reconcile() {
    String what = NAME_PREFIX + dataset.id() + " " + input + " does not reconcile: ";
    if (rowsRead != events() + cancellations + rejected()) {
      throw new IllegalStateException(what + rowsRead + " rows read != " + events() + " events + " + cancellations
          + " cancellations + " + rejected() + " rejected");
    }
    if (itemRowsRead != itemRowsUsed + itemRowsIgnored + sum(itemRejects)) {
      throw new IllegalStateException(what + itemRowsRead + " item rows read != " + itemRowsUsed + " used + "
          + itemRowsIgnored + " ignored + " + sum(itemRejects) + " rejected");
    }
    if (eventsWritten != events()) {
      throw new IllegalStateException(what + eventsWritten + " events written, " + events() + " counted");
    }
    if (ordersWritten != cancelledOrders) {
      throw new IllegalStateException(what + ordersWritten + " orders written, " + cancelledOrders + " counted");
    }
    if (rejectsWritten != rejected() + sum(itemRejects)) {
      throw new IllegalStateException(what + rejectsWritten + " rows quarantined, "
          + (rejected() + sum(itemRejects)) + " rejected");
    }
    if (productsWritten != catalogProducts) {
      throw new IllegalStateException(what + productsWritten + " products written, " + catalogProducts
          + " in the catalog");
    }
  }

  /** The one-line summary the tool prints. */
  public String summary() {
    StringBuilder s = new StringBuilder(NAME_PREFIX).append(dataset.id()).append(' ').append(input)
        .append(" (md5 ").append(inputMd5, 0, Math.min(12, inputMd5.length())).append("): ")
        .append(rowsRead).append(" rows = ").append(events()).append(" events ").append(events)
        .append(" + ").append(cancellations).append(" cancellations");
    if (cancellations > 0) {
      s.append(" (").append(cancelledOrders).append(" orders)");
    }
    s.append(" + ").append(rejected()).append(" rejected ").append(rejects)
        .append("; ").append(users).append(" users, ").append(products).append(" products");
    if (sessions >= 0) {
      s.append(", ").append(sessions).append(" sessions");
    }
    if (items != null) {
      s.append("; items ").append(items).append(": ").append(itemRowsRead).append(" rows = ").append(itemRowsUsed)
          .append(" used + ").append(itemRowsIgnored).append(" ignored + ").append(sum(itemRejects))
          .append(" rejected ").append(itemRejects);
    }
    if (catalogSnapshot != null) {
      s.append("; catalog ").append(catalogProducts).append(" products in ").append(catalogSnapshot);
    }
    s.append("; ").append(files.size()).append(" files written");
    if (merged > 0) {
      s.append(" (").append(merged).append(" partitions merged)");
    }
    if (staleRemoved > 0) {
      s.append(", ").append(staleRemoved).append(" stale removed");
    }
    return s.toString();
  }

  private static long sum(Map<?, Long> counts) {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }
}
