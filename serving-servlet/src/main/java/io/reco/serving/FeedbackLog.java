package io.reco.serving;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.reco.records.RecordJson;
import io.reco.records.Settings;
import io.reco.records.avro.InteractionEvent;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's feedback events - each answer's impressions and the clicks reported to {@code POST /v1/feedback} -
 * logged to Kafka's clickstream topic as canonical events, where the clickstream consumer lands them in the raw
 * zone with the shop's own. A request thread only queues its events; one sender thread hands them to the producer.
 * Whatever Kafka does not take (no broker within {@value #KAFKA_TIMEOUT_MS}, a send that fails, a full queue) is
 * appended to a spool file in {@value #SPOOL_DIR}, one JSON line each, and the sender stops trying Kafka for
 * {@value #RETRY_MS}; then it sends the spooled files, each deleted only once every line of it was acknowledged, and
 * goes back to Kafka directly. Files a stopped service left are sent the same way. An event is never lost to an
 * outage; one may be sent twice (a file sent halfway when Kafka failed again), which the readers tolerate: the clean
 * job keeps one event per id, the feedback job one impression per id. Keyed by user, so one user's events keep their
 * order on one partition.
 */
final class FeedbackLog implements AutoCloseable {
  /** Kafka brokers; empty logs nothing. */
  static final String BOOTSTRAP_SERVERS = "reco.feedback.bootstrap-servers";
  /** The topic: the clickstream's. */
  static final String TOPIC = "reco.feedback.topic";
  /** Where events wait while Kafka does not take them. */
  static final String SPOOL_DIR = "reco.feedback.spool-dir";
  /** The pause after a Kafka failure before the spool is sent, ms. */
  static final String RETRY_MS = "reco.feedback.retry-ms";
  /** The longest an event waits for Kafka before it is spooled, ms. */
  static final String KAFKA_TIMEOUT_MS = "reco.feedback.kafka-timeout-ms";
  private static final Logger LOG = LoggerFactory.getLogger(FeedbackLog.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int QUEUE = 65_536;
  private static final String OPEN = ".open";
  private static final String CLOSED = ".jsonl";

  private final Producer<byte[], byte[]> producer;
  private final String topic;
  private final Path spoolDir;
  private final long retryMillis;
  private final long timeoutMillis;
  private final BlockingQueue<InteractionEvent> queue = new ArrayBlockingQueue<>(QUEUE);
  private final Thread sender;
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong spooled = new AtomicLong();
  private volatile boolean running = true;
  /** Kafka failed: events go to the spool until {@link #retryAt}. */
  private volatile boolean down;
  private volatile long retryAt;
  private OutputStream spool;
  private Path spoolFile;

  private FeedbackLog(Producer<byte[], byte[]> producer, String topic, Path spoolDir, long retryMillis,
      long timeoutMillis) throws IOException {
    this.producer = producer;
    this.topic = topic;
    this.spoolDir = spoolDir;
    this.retryMillis = retryMillis;
    this.timeoutMillis = timeoutMillis;
    if (producer != null) {
      Files.createDirectories(spoolDir);
      try (Stream<Path> left = Files.list(spoolDir)) {
        for (Path open : left.filter(p -> p.getFileName().toString().endsWith(OPEN)).toList()) {
          Files.move(open, closedName(open));
        }
      }
      sender = new Thread(this::send, "feedback-sender");
      sender.setDaemon(true);
      sender.start();
    } else {
      sender = null;
    }
  }

  /** The log {@code conf} asks for: off when no brokers are named. */
  static FeedbackLog from(Configuration conf) throws IOException {
    String servers = Settings.get(conf, BOOTSTRAP_SERVERS).strip();
    long retry = Settings.getLong(conf, RETRY_MS);
    long timeout = Settings.getLong(conf, KAFKA_TIMEOUT_MS);
    if (retry < 1 || timeout < 1) {
      throw new IllegalArgumentException(RETRY_MS + " and " + KAFKA_TIMEOUT_MS + " must be 1 or more");
    }
    if (servers.isEmpty()) {
      return new FeedbackLog(null, null, null, retry, timeout);
    }
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    props.put(ProducerConfig.LINGER_MS_CONFIG, "20");
    props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(timeout));
    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(Math.max(1, timeout / 2)));
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(timeout + 20));
    props.put(ProducerConfig.CLIENT_ID_CONFIG, "reco-serving-feedback");
    Producer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(),
        new ByteArraySerializer());
    return new FeedbackLog(producer, Settings.get(conf, TOPIC), Path.of(Settings.get(conf, SPOOL_DIR)), retry,
        timeout);
  }

  /** Whether events are logged at all. */
  boolean enabled() {
    return producer != null;
  }

  /** Queues {@code events}; never blocks: past a full queue they go straight to the spool. */
  void log(List<InteractionEvent> events) {
    if (producer == null) {
      return;
    }
    for (InteractionEvent event : events) {
      if (!running || !queue.offer(event)) {
        spool(event);
      }
    }
  }

  /** Events acknowledged by Kafka, and appended to the spool, since the start. */
  long[] counts() {
    return new long[] {sent.get(), spooled.get()};
  }

  private void send() {
    while (running || !queue.isEmpty()) {
      try {
        InteractionEvent event = queue.poll(100, TimeUnit.MILLISECONDS);
        if (down && System.currentTimeMillis() >= retryAt) {
          down = !sendSpool();
        }
        if (event != null) {
          if (down) {
            spool(event);
          } else {
            sendOne(event);
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        LOG.warn("feedback sender: {}", e.toString());
      }
    }
  }

  private void sendOne(InteractionEvent event) {
    try {
      producer.send(record(event), (metadata, failure) -> {
        if (failure == null) {
          sent.incrementAndGet();
        } else {
          failed(failure);
          spool(event);
        }
      });
    } catch (KafkaException e) {
      failed(e);
      spool(event);
    }
  }

  private ProducerRecord<byte[], byte[]> record(InteractionEvent event) {
    return new ProducerRecord<>(topic, event.getUserId().getBytes(StandardCharsets.UTF_8),
        RecordJson.toJson(event).getBytes(StandardCharsets.UTF_8));
  }

  private void failed(Exception e) {
    if (!down) {
      LOG.warn("Kafka does not take feedback events ({}); spooling them in {} and trying again in {} ms",
          e.toString(), spoolDir, retryMillis);
    }
    retryAt = System.currentTimeMillis() + retryMillis;
    down = true;
  }

  /** Sends every closed spool file, oldest first; true when all of them went, and were deleted. */
  private boolean sendSpool() {
    List<Path> files;
    try {
      synchronized (this) {
        closeSpool();
      }
      try (Stream<Path> all = Files.list(spoolDir)) {
        files = all.filter(p -> p.getFileName().toString().endsWith(CLOSED)).sorted().toList();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (Path file : files) {
      try {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<Future<RecordMetadata>> acks = new java.util.ArrayList<>(lines.size());
        for (String line : lines) {
          if (!line.isBlank()) {
            byte[] value = line.getBytes(StandardCharsets.UTF_8);
            acks.add(producer.send(new ProducerRecord<>(topic, userOf(line), value)));
          }
        }
        for (Future<RecordMetadata> ack : acks) {
          ack.get(timeoutMillis * 2, TimeUnit.MILLISECONDS);
        }
        Files.delete(file);
        sent.addAndGet(acks.size());
        LOG.info("sent {} spooled feedback events from {}", acks.size(), file);
      } catch (KafkaException | ExecutionException | TimeoutException e) {
        failed(e instanceof ExecutionException ? (Exception) e.getCause() : e);
        return false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      } catch (IOException e) {
        LOG.warn("cannot send the spool file {}: {}", file, e.toString());
        return false;
      }
    }
    LOG.info("Kafka takes feedback events again");
    return true;
  }

  /** The key of a spooled line: its user, as {@link #record} keys it. */
  private static byte[] userOf(String line) throws IOException {
    return JSON.readTree(line).path("user_id").asText().getBytes(StandardCharsets.UTF_8);
  }

  private synchronized void spool(InteractionEvent event) {
    try {
      if (spool == null) {
        spoolFile = spoolDir.resolve("feedback-" + System.currentTimeMillis() + "-" + System.nanoTime() + OPEN);
        spool = new BufferedOutputStream(Files.newOutputStream(spoolFile, StandardOpenOption.CREATE_NEW,
            StandardOpenOption.APPEND));
      }
      spool.write(RecordJson.toJson(event).getBytes(StandardCharsets.UTF_8));
      spool.write('\n');
      spool.flush();
      spooled.incrementAndGet();
    } catch (IOException e) {
      LOG.error("cannot spool a feedback event to {}: {}", spoolDir, e.toString());
    }
  }

  private void closeSpool() throws IOException {
    if (spool != null) {
      spool.close();
      Files.move(spoolFile, closedName(spoolFile));
      spool = null;
    }
  }

  private static Path closedName(Path open) {
    String name = open.getFileName().toString();
    return open.resolveSibling(name.substring(0, name.length() - OPEN.length()) + CLOSED);
  }

  /** Sends what is queued (or spools it), waits for Kafka's acknowledgements, closes the spool. */
  @Override
  public void close() throws IOException {
    if (producer == null) {
      return;
    }
    running = false;
    try {
      sender.join(timeoutMillis * 4);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    producer.close(Duration.ofMillis(timeoutMillis)); // what it could not send fails its callback: spooled
    synchronized (this) {
      closeSpool();
    }
  }
}
