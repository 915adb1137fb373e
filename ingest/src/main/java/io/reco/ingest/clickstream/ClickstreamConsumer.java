package io.reco.ingest.clickstream;

import io.reco.records.EventJson;
import io.reco.records.EventRules;
import io.reco.records.Settings;
import io.reco.records.raw.Quarantine;
import io.reco.records.raw.RawFileWriter;
import io.reco.records.raw.RawFiles;
import io.reco.records.raw.RawZone;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lands the clickstream topic in the raw zone exactly once. Events are written as they arrive, one file per Kafka
 * partition and event hour ({@code clickstream/dt=/hour=} by event time, so late events join their own hour),
 * into a hidden staging directory of the partition; malformed messages go to {@code quarantine/clickstream/} with
 * their reason and offset. A batch ends after a number of records or an age. Its commit is ordered: the
 * partition's {@link BatchJournal} names every file of the batch; each file is synced, moved to its final place and
 * given its manifest (files in parallel, since each waits on the disk); the journal is marked committed; only then
 * are offsets committed to Kafka. Every manifest names its batch's last offset and file count, so the committed
 * files alone also tell where the partition stands. Whenever a partition is assigned, the journal and the manifests
 * decide where to resume: a batch caught halfway through its commit is deleted and read again, staging is emptied,
 * so the committed files hold every message once, whatever the moment of a crash and whatever the batch settings of
 * the restarted consumer.
 */
public final class ClickstreamConsumer {
  private static final Logger LOG = LoggerFactory.getLogger(ClickstreamConsumer.class);
  /** A batch is cut early when one partition has this many hour files open. */
  static final int MAX_OPEN_FILES = 48;
  private static final Duration POLL = Duration.ofMillis(200);
  private static final long HOUR = Duration.ofHours(1).toMillis();
  /** How long an idle-bounded run waits for its first partitions. */
  private static final long ASSIGNMENT_WAIT = Duration.ofSeconds(60).toMillis();
  /** Threads judging messages, and files committed at once (each commit mostly waits for its sync). */
  private static final int WORKER_THREADS = 8;
  /** Messages judged per task, at least: smaller chunks cost more to hand over than they save. */
  private static final int JUDGE_CHUNK = 500;

  /** Durability checkpoints, named, for crash tests; production passes {@link #NONE}. */
  public interface Steps {
    /** Called after each checkpoint: {@code record}, {@code journal}, {@code file-committed}... */
    void after(String step);
  }

  /** No checkpoints observed. */
  public static final Steps NONE = step -> { };

  /**
   * How the consumer batches.
   *
   * @param topic the topic to read
   * @param batchRecords records after which a batch is committed
   * @param batchMillis age after which a batch is committed, even if small
   * @param gzip whether data files are gzip-compressed
   * @param maxIdleMillis stop after this long without a record; 0 runs until {@link #stop()}
   * @param rules the value rules every event meets
   * @param parser the parser of messages, with the bounds of what one may cost
   */
  public record Settings(String topic, int batchRecords, long batchMillis, boolean gzip, long maxIdleMillis,
      EventRules rules, EventJson.Parser parser) {
    /** Rejects settings that cannot work. */
    public Settings {
      if (batchRecords < 1 || batchMillis < 1 || maxIdleMillis < 0) {
        throw new IllegalArgumentException("batch records and batch ms must be positive, max idle ms not negative");
      }
    }
  }

  /** What a run did; {@code read == written + quarantined}. */
  public record Totals(long read, long written, long quarantined, long batches, long files) {
  }

  private final Consumer<byte[], byte[]> consumer;
  private final FileSystem fs;
  private final RawZone zone;
  private final Settings settings;
  private final Clock clock;
  private final Steps steps;
  private final Map<TopicPartition, PartitionBatch> batches = new HashMap<>();
  private final ExecutorService workers = Executors.newFixedThreadPool(WORKER_THREADS, r -> {
    Thread t = new Thread(r, "clickstream-worker");
    t.setDaemon(true);
    return t;
  });
  private long batchStartedAt;
  /** When a record last arrived, or partitions were last assigned: the idle clock starts from there. */
  private long lastRecordAt;
  private int buffered;
  private long read;
  private long written;
  private long quarantined;
  private long batchCount;
  private long fileCount;

  /** A consumer over an unsubscribed Kafka consumer configured without auto-commit. */
  public ClickstreamConsumer(Consumer<byte[], byte[]> consumer, FileSystem fs, RawZone zone, Settings settings,
                             Clock clock, Steps steps) {
    this.consumer = consumer;
    this.fs = fs;
    this.zone = zone;
    this.settings = settings;
    this.clock = clock;
    this.steps = steps;
  }

  /** Makes a running {@link #run()} commit what it has and return; callable from any thread. */
  public void stop() {
    consumer.wakeup();
  }

  /**
   * Consumes until idle for {@code maxIdleMillis} (counted from the last record or the last assignment), or until
   * {@link #stop()}; commits the last batch.
   */
  public Totals run() throws IOException {
    consumer.subscribe(List.of(settings.topic()), new Rebalance());
    lastRecordAt = clock.millis();
    try {
      while (true) {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
        long now = clock.millis();
        if (!records.isEmpty()) {
          lastRecordAt = now;
          if (add(records, now) || buffered >= settings.batchRecords()) {
            commitAll(batches.keySet());
          }
        }
        if (buffered > 0 && now - batchStartedAt >= settings.batchMillis()) {
          commitAll(batches.keySet());
        }
        if (settings.maxIdleMillis() > 0 && idle(now)) {
          break;
        }
      }
    } catch (WakeupException e) {
      LOG.info("stopping on request");
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    try {
      commitAll(batches.keySet());
      consumer.unsubscribe();
    } finally {
      workers.shutdownNow();
    }
    return new Totals(read, written, quarantined, batchCount, fileCount);
  }

  /** Idle: no record for the idle time since the last one or the last assignment, or never assigned at all. */
  private boolean idle(long now) {
    if (consumer.assignment().isEmpty()) {
      if (now - lastRecordAt >= Math.max(settings.maxIdleMillis(), ASSIGNMENT_WAIT)) {
        LOG.warn("no partition of {} was assigned in {} ms; stopping", settings.topic(), now - lastRecordAt);
        return true;
      }
      return false;
    }
    return now - lastRecordAt >= settings.maxIdleMillis();
  }

  /**
   * Adds the records of one poll to their partitions' batches: judges them in parallel chunks (parsing is most of
   * the work), then writes them in offset order. Returns whether a batch has as many files open as allowed.
   */
  private boolean add(ConsumerRecords<byte[], byte[]> records, long now) throws IOException {
    List<ConsumerRecord<byte[], byte[]>> all = new ArrayList<>(records.count());
    records.forEach(all::add);
    ClickstreamMessage.Verdict[] verdicts = new ClickstreamMessage.Verdict[all.size()];
    EventRules.Window rules = settings.rules().at(now);
    int chunk = Math.max(JUDGE_CHUNK, (all.size() + WORKER_THREADS - 1) / WORKER_THREADS);
    List<Callable<Void>> tasks = new ArrayList<>();
    for (int from = 0; from < all.size(); from += chunk) {
      int start = from;
      int end = Math.min(all.size(), from + chunk);
      tasks.add(() -> {
        for (int i = start; i < end; i++) {
          verdicts[i] = ClickstreamMessage.judge(all.get(i).value(), settings.parser(), rules);
        }
        return null;
      });
    }
    if (tasks.size() == 1) {
      for (int i = 0; i < all.size(); i++) {
        verdicts[i] = ClickstreamMessage.judge(all.get(i).value(), settings.parser(), rules);
      }
    } else {
      inParallel(tasks);
    }
    boolean full = false;
    for (int i = 0; i < all.size(); i++) {
      ConsumerRecord<byte[], byte[]> record = all.get(i);
      TopicPartition tp = new TopicPartition(record.topic(), record.partition());
      PartitionBatch batch = batches.get(tp);
      if (batch == null) {
        if (batches.isEmpty()) {
          batchStartedAt = now;
        }
        batch = new PartitionBatch(tp, record.offset());
        batches.put(tp, batch);
      }
      batch.add(record, verdicts[i], now);
      steps.after("record");
      full |= batch.writers.size() >= MAX_OPEN_FILES;
    }
    read += all.size();
    buffered += all.size();
    return full;
  }

  private void commitAll(Collection<TopicPartition> partitions) throws IOException {
    List<PartitionBatch> committing = new ArrayList<>();
    for (TopicPartition tp : List.copyOf(partitions)) {
      PartitionBatch batch = batches.remove(tp);
      if (batch != null) {
        committing.add(batch);
      }
    }
    if (committing.isEmpty()) {
      return;
    }
    inParallel(committing.stream().map(b -> (Callable<Void>) () -> {
      b.writeJournal();
      return null;
    }).toList());
    List<Callable<Void>> files = new ArrayList<>();
    for (PartitionBatch batch : committing) {
      files.addAll(batch.fileCommits());
    }
    inParallel(files);
    inParallel(committing.stream().map(b -> (Callable<Void>) () -> {
      b.markCommitted();
      return null;
    }).toList());
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (PartitionBatch batch : committing) {
      offsets.put(batch.tp, new OffsetAndMetadata(batch.account() + 1));
    }
    try {
      consumer.commitSync(offsets);
    } catch (WakeupException e) {
      // stop() arrived during the commit: finish it, then stop
      consumer.commitSync(offsets);
      steps.after("offsets-committed");
      throw e;
    }
    steps.after("offsets-committed");
    buffered = batches.values().stream().mapToInt(b -> b.records).sum();
  }

  private void inParallel(List<Callable<Void>> tasks) throws IOException {
    try {
      for (Future<Void> done : workers.invokeAll(tasks)) {
        done.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while committing files");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException cause) {
        throw cause;
      }
      throw new IllegalStateException("committing a file failed", e.getCause());
    }
  }

  private Path stagingDir(TopicPartition tp) {
    return new Path(new Path(zone.clickstream(), RawFiles.STAGING), tp.topic() + "-" + tp.partition());
  }

  private Path journalDir(TopicPartition tp) {
    return new Path(new Path(zone.clickstream(), "_journal"), tp.topic() + "-" + tp.partition());
  }

  /** The single journal file of consumers before numbered versions; read, never written. */
  private Path legacyJournal(TopicPartition tp) {
    return new Path(new Path(zone.clickstream(), "_journal"), tp.topic() + "-" + tp.partition() + ".json");
  }

  /**
   * Decides where each assigned partition resumes: after the last complete batch by its journal, by its committed
   * manifests (which also undo a batch caught mid-commit when the journal is lost) or by Kafka's committed offset,
   * whichever is furthest; each of them only ever lags the truth.
   */
  private final class Rebalance implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      lastRecordAt = clock.millis();
      try {
        for (TopicPartition tp : partitions) {
          fs.delete(stagingDir(tp), true);
          BatchJournal.Found found = BatchJournal.read(fs, journalDir(tp), legacyJournal(tp));
          BatchJournal journal = found.journal();
          CommittedBatches.Recovery manifests = CommittedBatches.recover(fs, zone, tp);
          if (manifests.undone() > 0) {
            LOG.info("{}: deleted {} batches that a crash left half committed, found by their manifests", tp,
                manifests.undone());
          }
          long resume = manifests.resumeOffset();
          if (journal != null) {
            if (!journal.committed() && manifests.resumeOffset() <= journal.lastOffset()) {
              int deleted = journal.undo(fs);
              LOG.info("{}: undid the batch from offset {} that a crash left half committed ({} files deleted)", tp,
                  journal.firstOffset(), deleted);
              resume = Math.max(resume, journal.firstOffset());
            } else {
              resume = Math.max(resume, journal.committed() ? journal.resumeOffset() : journal.lastOffset() + 1);
            }
          } else if (found.damaged() > 0 || resume >= 0) {
            LOG.warn("{}: no readable journal ({} damaged); resuming by the committed manifests", tp,
                found.damaged());
          }
          OffsetAndMetadata kafkaOffset = consumer.committed(Set.of(tp)).get(tp);
          if (resume >= 0 && (kafkaOffset == null || resume > kafkaOffset.offset())) {
            consumer.seek(tp, resume);
            LOG.info("{}: resuming at offset {}", tp, resume);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      try {
        commitAll(partitions);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      for (TopicPartition tp : partitions) {
        PartitionBatch batch = batches.remove(tp);
        if (batch != null) {
          try {
            batch.abort();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      }
    }
  }

  /** One open file of a batch and the offsets it holds. */
  private static final class OpenFile {
    final RawFileWriter writer;
    long firstOffset = -1;
    long lastOffset = -1;

    OpenFile(RawFileWriter writer) {
      this.writer = writer;
    }

    void wrote(long offset) {
      if (firstOffset < 0) {
        firstOffset = offset;
      }
      lastOffset = offset;
    }
  }

  /** The open batch of one partition: one staged file per event hour, plus one for rejects. */
  private final class PartitionBatch {
    final TopicPartition tp;
    final long firstOffset;
    final String fileStem;
    final Map<Long, OpenFile> writers = new LinkedHashMap<>();
    OpenFile rejects;
    BatchJournal journal;
    long lastOffset;
    int records;
    /** Events of an hour that had ended when they arrived. */
    int late;

    PartitionBatch(TopicPartition tp, long firstOffset) {
      this.tp = tp;
      this.firstOffset = firstOffset;
      this.fileStem = String.format("%s-%d-%020d", tp.topic(), tp.partition(), firstOffset);
    }

    void add(ConsumerRecord<byte[], byte[]> record, ClickstreamMessage.Verdict verdict, long now)
        throws IOException {
      if (verdict.accepted()) {
        long hour = verdict.eventTime() / HOUR;
        OpenFile file = writers.get(hour);
        if (file == null) {
          Path dir = zone.clickstreamHour(verdict.eventTime());
          file = open(new Path(dir, fileStem + (settings.gzip() ? ".jsonl.gz" : ".jsonl")),
              dir.getParent().getName() + "-" + dir.getName());
          writers.put(hour, file);
        }
        file.writer.writeRecordBytes(verdict.line(), verdict.eventTime());
        file.wrote(record.offset());
        if (hour < now / HOUR) {
          late++;
        }
      } else {
        if (rejects == null) {
          LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
          rejects = open(new Path(zone.quarantine("clickstream", today), fileStem + ".jsonl"), "quarantine");
        }
        rejects.writer.write(Quarantine.record(verdict.reason().name(), verdict.field(),
            tp.topic() + "-" + tp.partition() + "@" + record.offset(), verdict.message(), verdict.raw(), 0,
            verdict.raw().length));
        rejects.wrote(record.offset());
      }
      lastOffset = record.offset();
      records++;
    }

    private OpenFile open(Path target, String stagingPrefix) throws IOException {
      Path staged = new Path(stagingDir(tp), stagingPrefix + "-" + target.getName() + RawFiles.IN_PROGRESS);
      return new OpenFile(RawFileWriter.create(fs, target, staged));
    }

    private List<OpenFile> all() {
      List<OpenFile> all = new ArrayList<>(writers.values());
      if (rejects != null) {
        all.add(rejects);
      }
      return all;
    }

    /** Names every file of the batch in the journal, before any of them is moved to its final place. */
    void writeJournal() throws IOException {
      journal = new BatchJournal(firstOffset, lastOffset, false,
          all().stream().map(f -> f.writer.target().toString()).toList());
      journal.write(fs, journalDir(tp), steps);
      steps.after("journal");
    }

    /** One task per file: sync it, move it, write its manifest. */
    List<Callable<Void>> fileCommits() {
      List<Callable<Void>> tasks = new ArrayList<>();
      for (OpenFile file : all()) {
        String kind = file == rejects ? "quarantine" : "clickstream";
        tasks.add(() -> {
          file.writer.commit(kind, source(file), clock);
          steps.after("file-committed");
          return null;
        });
      }
      return tasks;
    }

    /** Marks the journal committed, once every file is. */
    void markCommitted() throws IOException {
      journal = journal.committedAt(lastOffset);
      journal.write(fs, journalDir(tp), steps);
      steps.after("journal-committed");
    }

    /** Adds the committed batch to the totals and logs it; returns its last offset. */
    long account() {
      Map<String, Long> perHour = new TreeMap<>();
      long events = 0;
      for (OpenFile file : writers.values()) {
        Path dir = file.writer.target().getParent();
        perHour.put(dir.getParent().getName() + "/" + dir.getName(), file.writer.records());
        events += file.writer.records();
      }
      long rejected = rejects == null ? 0 : rejects.writer.records();
      written += events;
      quarantined += rejected;
      batchCount++;
      fileCount += all().size();
      LOG.info("{} offsets {}-{}: {} events in {} files {}, {} late, {} quarantined", tp, firstOffset,
          lastOffset, events, writers.size(), perHour, late, rejected);
      return lastOffset;
    }

    private Map<String, Object> source(OpenFile file) {
      Map<String, Object> source = new HashMap<>();
      source.put("topic", tp.topic());
      source.put("partition", tp.partition());
      source.put("first_offset", file.firstOffset);
      source.put("last_offset", file.lastOffset);
      source.put("batch_first_offset", firstOffset);
      source.put(CommittedBatches.BATCH_LAST_OFFSET, lastOffset);
      source.put(CommittedBatches.BATCH_FILES, all().size());
      return source;
    }

    void abort() throws IOException {
      for (OpenFile file : all()) {
        file.writer.abort();
      }
    }
  }
}
