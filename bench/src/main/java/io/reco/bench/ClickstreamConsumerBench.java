package io.reco.bench;

import io.reco.ingest.clickstream.ClickstreamConsumer;
import io.reco.ingest.clickstream.ClickstreamIngestTool;
import io.reco.ingest.raw.RawVerifier;
import io.reco.kafka.EmbeddedKafka;
import io.reco.records.EventJson;
import io.reco.records.EventRules;
import io.reco.records.Settings;
import io.reco.records.raw.RawZone;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.tools.ConsumerPerformance;

/**
 * Sustained throughput of the clickstream consumer into manifested raw files, beside Kafka's own
 * {@code kafka-consumer-perf-test} (which only counts bytes: the ceiling) on the same topic, broker and machine.
 * Usage: {@code bench/clickstream-consumer [events=1000000] [partitions=4]}.
 */
public final class ClickstreamConsumerBench {
  private static final String TOPIC = "bench_clickstream";

  private ClickstreamConsumerBench() {
  }

  public static void main(String[] args) throws Exception {
    int events = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int partitions = args.length > 1 ? Integer.parseInt(args[1]) : 4;
    Path work = Files.createTempDirectory("reco-bench-");
    try (EmbeddedKafka kafka = EmbeddedKafka.start(work.resolve("kafka"))) {
      kafka.createTopic(TOPIC, partitions);
      long bytes = produce(kafka.bootstrapServers(), events);
      System.out.printf("topic %s: %,d events, %,.1f MB, %d partitions, loopback broker (KRaft, in-process)%n",
          TOPIC, events, bytes / 1e6, partitions);

      double before = perfTool(kafka.bootstrapServers(), events, "perf-test-1");
      System.out.printf("kafka-consumer-perf-test : %,10.0f events/s  (fetch rate, bytes only)%n", before);
      List<Result> results = new ArrayList<>();
      for (boolean gzip : List.of(false, true)) {
        Path raw = work.resolve(gzip ? "raw-gz" : "raw");
        Result ours = ours(kafka.bootstrapServers(), raw, events, gzip);
        results.add(ours);
        System.out.printf("reco ingest clickstream  : %,10.0f events/s  (%s, %d files)%n", ours.rate(),
            gzip ? "gzip" : "plain JSON lines", ours.files());
        FileSystem fs = FileSystem.getLocal(new Configuration());
        long start = System.nanoTime();
        RawVerifier.Report report = RawVerifier.verify(fs, new org.apache.hadoop.fs.Path(raw.toUri()));
        System.out.printf("  verify-raw: %s in %.1f s%n", report.summary(), (System.nanoTime() - start) / 1e9);
        if (!report.ok() || report.records() != events) {
          throw new IllegalStateException("the landed files do not verify: " + report.summary());
        }
      }
      double after = perfTool(kafka.bootstrapServers(), events, "perf-test-2");
      System.out.printf("kafka-consumer-perf-test : %,10.0f events/s  (again, after ours)%n", after);
      double ceiling = Math.max(before, after);
      for (Result r : results) {
        System.out.printf("%s: %.0f%% of the ceiling (%,.0f events/s, the better perf-test run); goal 50%%%n",
            r.gzip() ? "gzip " : "plain", 100 * r.rate() / ceiling, ceiling);
      }
    } finally {
      try (Stream<Path> files = Files.walk(work)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static long produce(String bootstrap, int events) throws Exception {
    Map<String, Object> props = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ProducerConfig.LINGER_MS_CONFIG, 20, ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024,
        ProducerConfig.ACKS_CONFIG, "1");
    long bytes = 0;
    long start = 1_795_219_200_000L;
    try (KafkaProducer<byte[], byte[]> producer =
             new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
      for (int i = 0; i < events; i++) {
        String json = "{\"event_id\":\"ev-" + i + "\",\"user_id\":\"u" + (i * 7919 % 50_000)
            + "\",\"product_id\":\"p" + (i * 104_729 % 20_000) + "\",\"event_type\":\""
            + (i % 50 == 0 ? "purchase" : i % 10 == 0 ? "add_to_cart" : "view") + "\",\"timestamp\":"
            + (start + i * 10L) + ",\"session_id\":\"s" + (i / 12) + "\",\"price\":19.99,"
            + "\"device_type\":\"mobile\",\"page_context\":\"product\",\"referrer\":\"search\"}";
        byte[] value = json.getBytes(StandardCharsets.UTF_8);
        bytes += value.length;
        producer.send(new ProducerRecord<>(TOPIC, value));
      }
      producer.flush();
    }
    return bytes;
  }

  /** Runs Kafka's consumer performance tool in this JVM and returns its fetch rate in messages per second. */
  private static double perfTool(String bootstrap, int events, String group) throws Exception {
    PrintStream stdout = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    Exit.setExitProcedure((status, message) -> {
      throw new IllegalStateException("kafka-consumer-perf-test exited " + status + ": " + message);
    });
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      ConsumerPerformance.main(new String[] {"--bootstrap-server", bootstrap, "--topic", TOPIC,
          "--messages", String.valueOf(events), "--group", group, "--timeout", "60000"});
    } finally {
      System.setOut(stdout);
      Exit.resetExitProcedure();
    }
    List<String> lines = captured.toString(StandardCharsets.UTF_8).lines().toList();
    String[] header = lines.get(0).split(",\\s*");
    String[] values = lines.get(lines.size() - 1).split(",\\s*");
    for (int i = 0; i < header.length; i++) {
      if (header[i].trim().equals("fetch.nMsg.sec")) {
        return Double.parseDouble(values[i].trim());
      }
    }
    throw new IllegalStateException("no fetch.nMsg.sec in the perf tool's output: " + lines);
  }

  private record Result(boolean gzip, double rate, long files) {
  }

  /** Runs reco's consumer until it has committed every event; the rate runs from its first record to the end. */
  private static Result ours(String bootstrap, Path raw, int events, boolean gzip) throws Exception {
    Map<String, Object> props = new HashMap<>();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "reco-bench-" + gzip);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.putAll(ClickstreamIngestTool.kafkaProperties(Settings.create(), bootstrap, "reco-bench-" + gzip));
    FileSystem fs = FileSystem.getLocal(new Configuration());
    AtomicLong seen = new AtomicLong();
    AtomicLong firstAt = new AtomicLong();
    ClickstreamConsumer[] holder = new ClickstreamConsumer[1];
    ClickstreamConsumer.Steps steps = step -> {
      if (step.equals("record")) {
        long n = seen.incrementAndGet();
        if (n == 1) {
          firstAt.set(System.nanoTime());
        } else if (n == events) {
          holder[0].stop();
        }
      }
    };
    try (KafkaConsumer<byte[], byte[]> kafka =
             new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      holder[0] = new ClickstreamConsumer(kafka, fs, new RawZone(new org.apache.hadoop.fs.Path(raw.toUri())),
          new ClickstreamConsumer.Settings(TOPIC, 50_000, 60_000L, gzip, 0L,
              EventRules.from(Settings.create()), EventJson.parser(Settings.create())), Clock.systemUTC(), steps);
      ClickstreamConsumer.Totals totals = holder[0].run();
      long doneAt = System.nanoTime();
      if (totals.written() != events) {
        throw new IllegalStateException("wrote " + totals.written() + " of " + events + " events");
      }
      return new Result(gzip, events / ((doneAt - firstAt.get()) / 1e9), totals.files());
    }
  }
}
