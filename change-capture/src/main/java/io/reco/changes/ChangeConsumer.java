package io.reco.changes;

import io.reco.ingest.master.CustomerParser;
import io.reco.ingest.master.EmailHasher;
import io.reco.ingest.master.MasterEntity;
import io.reco.records.InvalidRecordException;
import io.reco.records.RecordJson;
import io.reco.records.avro.Customer;
import io.reco.records.raw.Quarantine;
import io.reco.records.raw.RawZone;
import io.reco.schema.ItemStatus;
import io.reco.schema.RecoTables;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.Put;
import org.apache.hadoop.hbase.client.Table;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the item changes of the shop's products and inventory topics ({@link ItemChange}) to
 * {@code reco:item_status}, exactly once in effect, and lands them, with the changes of its customers topics, in
 * the raw zone's {@link ChangeJournal} for the next catalog and customers snapshots ({@link SnapshotMerge}): a
 * customer's row is parsed as the customers export's are (its e-mail address hashed, a row with an address elsewhere
 * rejected), a deleted customer is erased from the next snapshot and from every run after it. The changes of its
 * orders topics land as transaction files ({@link OrderChanges}), whose latest version of each order the orders job
 * keeps. Each poll's changes are written to HBase (and the raw zone), each cell timestamped by its change's source
 * position, before the poll's offsets are committed to Kafka: a crash in between replays changes that write the very
 * same cells (and files) again, and a change older than what a row holds is shadowed by the newer one, so the table
 * ends as if each change were applied once, in source order. Messages
 * that are no change go to {@code quarantine/changes/dt=<day>/} with their reason and {@code topic-partition@offset},
 * one file per partition and poll, named by the first such offset and rewritten whole on a replay (which starts
 * from the same committed offset), so each is quarantined once. Tombstones are counted and skipped.
 */
public final class ChangeConsumer {
  private static final Logger LOG = LoggerFactory.getLogger(ChangeConsumer.class);
  private static final Duration POLL = Duration.ofMillis(200);
  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();
  /** The quarantine source name. */
  public static final String SOURCE = "changes";

  /**
   * How the consumer runs.
   *
   * @param topics the products and inventory topics
   * @param fields the row fields a change is read from
   * @param maxIdleMillis stop after this long without a message; 0 runs until {@link #stop()}
   * @param customerTopics the customers topics, or none
   * @param customers the parser of customer rows; null when there are no customers topics
   * @param orderTopics the orders and order-items topics, or none
   */
  public record Settings(List<String> topics, ItemChange.Fields fields, long maxIdleMillis,
      List<String> customerTopics, CustomerParser customers, List<String> orderTopics) {
    /** Copies the topics. */
    public Settings {
      topics = List.copyOf(topics);
      customerTopics = List.copyOf(customerTopics);
      orderTopics = List.copyOf(orderTopics);
      if (topics.isEmpty() && customerTopics.isEmpty() && orderTopics.isEmpty() || maxIdleMillis < 0) {
        throw new IllegalArgumentException("a change consumer reads one topic or more; max idle ms is not negative");
      }
      if (!customerTopics.isEmpty() && customers == null) {
        throw new IllegalArgumentException("customers topics need a customer parser (an e-mail hash key)");
      }
    }

    /** Products and inventory topics only. */
    public Settings(List<String> topics, ItemChange.Fields fields, long maxIdleMillis) {
      this(topics, fields, maxIdleMillis, List.of(), null, List.of());
    }
  }

  /** What a run did: {@code read == applied + tombstones + quarantined}. */
  public record Totals(long read, long applied, long tombstones, long quarantined, long polls) {
    /** Whether every message read is accounted for. */
    public boolean reconciles() {
      return read == applied + tombstones + quarantined;
    }
  }

  private final Consumer<byte[], byte[]> consumer;
  private final Connection hbase;
  private final FileSystem fs;
  private final RawZone zone;
  private final Settings settings;
  private final Clock clock;
  private long read;
  private long applied;
  private long tombstones;
  private long quarantined;
  private long polls;

  /** Over an unsubscribed Kafka consumer configured without auto-commit. */
  public ChangeConsumer(Consumer<byte[], byte[]> consumer, Connection hbase, FileSystem fs, RawZone zone,
      Settings settings, Clock clock) {
    this.consumer = consumer;
    this.hbase = hbase;
    this.fs = fs;
    this.zone = zone;
    this.settings = settings;
    this.clock = clock;
  }

  /** Makes a running {@link #run()} return after the poll in hand; callable from any thread. */
  public void stop() {
    consumer.wakeup();
  }

  /** Applies changes until idle for {@code maxIdleMillis}, or until {@link #stop()}. */
  public Totals run() throws IOException {
    List<String> all = new ArrayList<>(settings.topics());
    all.addAll(settings.customerTopics());
    all.addAll(settings.orderTopics());
    consumer.subscribe(all);
    long lastMessage = clock.millis();
    try (Table table = hbase.getTable(RecoTables.ITEM_STATUS.tableName())) {
      while (true) {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
        long now = clock.millis();
        if (!records.isEmpty()) {
          lastMessage = now;
          apply(records, table, now);
        } else if (settings.maxIdleMillis() > 0 && now - lastMessage >= settings.maxIdleMillis()) {
          break;
        }
      }
    } catch (WakeupException e) {
      LOG.info("stopping on request");
    } finally {
      consumer.unsubscribe();
    }
    return new Totals(read, applied, tombstones, quarantined, polls);
  }

  private void apply(ConsumerRecords<byte[], byte[]> records, Table table, long now) throws IOException {
    List<Put> puts = new ArrayList<>(records.count());
    Map<TopicPartition, List<String>> rejected = new LinkedHashMap<>();
    Map<TopicPartition, Long> firstRejected = new HashMap<>();
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    Map<TopicPartition, List<ChangeJournal.Entry>> journal = new LinkedHashMap<>();
    Map<TopicPartition, Long> firstJournaled = new HashMap<>();
    OrderChanges orders = new OrderChanges(fs, zone);
    long polled = 0;
    long written = 0;
    long skipped = 0;
    for (ConsumerRecord<byte[], byte[]> record : records) {
      polled++;
      TopicPartition tp = new TopicPartition(record.topic(), record.partition());
      offsets.put(tp, new OffsetAndMetadata(record.offset() + 1));
      boolean customer = settings.customerTopics().contains(record.topic());
      try {
        if (settings.orderTopics().contains(record.topic())) {
          OrderChanges.Line line = OrderChanges.parse(record.value());
          if (line == null) {
            skipped++;
          } else {
            orders.add(line, record.topic(), record.partition(), record.offset());
            written++;
          }
          continue;
        }
        ChangeJournal.Entry entry;
        if (customer) {
          entry = customerChange(record.value());
        } else {
          ItemChange change = ItemChange.parse(record.value(), settings.fields());
          entry = change == null ? null : itemChange(change);
          if (change != null) {
            puts.add(ItemStatus.change(change.itemId(), change.position(), change.price(), change.inStock(),
                change.active(), change.deleted()));
          }
        }
        if (entry == null) {
          skipped++;
          continue;
        }
        journal.computeIfAbsent(tp, k -> new ArrayList<>()).add(entry);
        firstJournaled.putIfAbsent(tp, record.offset());
        written++;
      } catch (RowChange.Invalid e) {
        String where = record.topic() + "-" + record.partition() + "@" + record.offset();
        byte[] raw = record.value() == null ? new byte[0] : record.value();
        if (customer) {
          raw = EmailHasher.mask(new String(raw, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        }
        rejected.computeIfAbsent(tp, k -> new ArrayList<>())
            .add(Quarantine.record(e.reason.name(), e.field, where, e.getMessage(), raw, 0, raw.length));
        firstRejected.putIfAbsent(tp, record.offset());
      }
    }
    LocalDate day = LocalDate.ofInstant(java.time.Instant.ofEpochMilli(now), ZoneOffset.UTC);
    for (Map.Entry<TopicPartition, List<String>> bad : rejected.entrySet()) {
      TopicPartition tp = bad.getKey();
      Path file = new Path(zone.quarantine(SOURCE, day), tp.topic() + "-" + tp.partition() + "-"
          + firstRejected.get(tp) + ".jsonl");
      try (OutputStream out = fs.create(file, true)) {
        for (String line : bad.getValue()) {
          out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        }
      }
      LOG.warn("{} change messages of {} quarantined in {}", bad.getValue().size(), tp, file);
    }
    for (Map.Entry<TopicPartition, List<ChangeJournal.Entry>> changes : journal.entrySet()) {
      TopicPartition tp = changes.getKey();
      long first = firstJournaled.get(tp);
      String entity = settings.customerTopics().contains(tp.topic()) ? MasterEntity.CUSTOMERS.id()
          : MasterEntity.CATALOG.id();
      ChangeJournal.write(fs, ChangeJournal.file(zone, entity, day, tp.topic(), tp.partition(), first),
          changes.getValue(), Map.of("topic", tp.topic(), "partition", tp.partition(), "first_offset", first,
              "last_offset", offsets.get(tp).offset() - 1), clock);
    }
    orders.commit(clock);
    if (!puts.isEmpty()) {
      table.put(puts);
    }
    commit(offsets);
    read += polled;
    applied += written;
    tombstones += skipped;
    quarantined += rejected.values().stream().mapToLong(List::size).sum();
    polls++;
  }

  /** The catalog's side of an item change: the fields it sets, or its delete. */
  private static ChangeJournal.Entry itemChange(ItemChange change) {
    if (change.deleted()) {
      return new ChangeJournal.Entry(change.itemId(), ChangeJournal.Op.DELETE, change.position(), change.time(), null);
    }
    com.fasterxml.jackson.databind.node.ObjectNode fields = JSON.createObjectNode();
    if (change.price() != null) {
      fields.put("price", change.price());
    }
    if (change.inStock() != null) {
      fields.put("in_stock", change.inStock());
    }
    if (change.active() != null) {
      fields.put("is_active", change.active());
    }
    return new ChangeJournal.Entry(change.itemId(), ChangeJournal.Op.PATCH, change.position(), change.time(),
        fields);
  }

  /** A customer change as the journal holds it: the canonical record, or the delete; null for a tombstone. */
  private ChangeJournal.Entry customerChange(byte[] value) throws RowChange.Invalid {
    RowChange change = RowChange.parse(value, MasterEntity.CUSTOMERS.idField());
    if (change == null) {
      return null;
    }
    if (change.deleted()) {
      return new ChangeJournal.Entry(change.id(), ChangeJournal.Op.DELETE, change.position(), change.time(), null);
    }
    try {
      Customer parsed = settings.customers().parse(change.row());
      return new ChangeJournal.Entry(change.id(), ChangeJournal.Op.UPSERT, change.position(), change.time(),
          JSON.readTree(RecordJson.toJson(parsed)));
    } catch (InvalidRecordException e) {
      throw new RowChange.Invalid(e.reason(), e.field(), e.getMessage());
    } catch (IOException e) {
      throw new IllegalStateException("a record's own JSON does not parse", e);
    }
  }

  private void commit(Map<TopicPartition, OffsetAndMetadata> offsets) {
    try {
      consumer.commitSync(offsets);
    } catch (WakeupException e) {
      // stop() arrived during the commit: finish it, then stop
      consumer.commitSync(offsets);
      throw e;
    }
  }
}
