package io.reco.changes;

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
 * {@code reco:item_status}, exactly once in effect. Each poll's changes are written to HBase, each cell
 * timestamped by its change's source position, before the poll's offsets are committed to Kafka: a crash in
 * between replays changes that write the very same cells again, and a change older than what a row holds is
 * shadowed by the newer one, so the table ends as if each change were applied once, in source order. Messages
 * that are no change go to {@code quarantine/changes/dt=<day>/} with their reason and {@code topic-partition@offset},
 * one file per partition and poll, named by the first such offset and rewritten whole on a replay (which starts
 * from the same committed offset), so each is quarantined once. Tombstones are counted and skipped.
 */
public final class ChangeConsumer {
  private static final Logger LOG = LoggerFactory.getLogger(ChangeConsumer.class);
  private static final Duration POLL = Duration.ofMillis(200);
  /** The quarantine source name. */
  public static final String SOURCE = "changes";

  /**
   * How the consumer runs.
   *
   * @param topics the products and inventory topics
   * @param fields the row fields a change is read from
   * @param maxIdleMillis stop after this long without a message; 0 runs until {@link #stop()}
   */
  public record Settings(List<String> topics, ItemChange.Fields fields, long maxIdleMillis) {
    /** Copies the topics. */
    public Settings {
      topics = List.copyOf(topics);
      if (topics.isEmpty() || maxIdleMillis < 0) {
        throw new IllegalArgumentException("a change consumer reads one topic or more; max idle ms is not negative");
      }
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
    consumer.subscribe(settings.topics());
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
    long polled = 0;
    long written = 0;
    long skipped = 0;
    for (ConsumerRecord<byte[], byte[]> record : records) {
      polled++;
      TopicPartition tp = new TopicPartition(record.topic(), record.partition());
      offsets.put(tp, new OffsetAndMetadata(record.offset() + 1));
      try {
        ItemChange change = ItemChange.parse(record.value(), settings.fields());
        if (change == null) {
          skipped++;
          continue;
        }
        puts.add(ItemStatus.change(change.itemId(), change.position(), change.price(), change.inStock(),
            change.active(), change.deleted()));
        written++;
      } catch (ItemChange.Invalid e) {
        String where = record.topic() + "-" + record.partition() + "@" + record.offset();
        byte[] raw = record.value() == null ? new byte[0] : record.value();
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
