package io.reco.ingest.clickstream;

import io.reco.commands.ExitCodes;
import io.reco.commands.RecoTool;
import io.reco.records.EventJson;
import io.reco.records.EventRules;
import io.reco.records.Settings;
import io.reco.records.raw.RawZone;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ingest-clickstream --bootstrap-servers host:port --raw <raw zone>} runs the {@link ClickstreamConsumer}.
 * Any {@code -D reco.ingest.kafka.<property>=value} is passed to the Kafka consumer (security settings, fetch
 * sizes; reco's own defaults are in {@code reco-default.xml}).
 * Give each consumer process a stable {@code -D reco.ingest.kafka.group.instance.id=<name>} (static membership) so
 * that a restarted consumer takes its partitions back at once instead of after the group's session timeout.
 */
@Command(name = ClickstreamIngestTool.NAME, description = "Kafka clickstream -> raw zone by event hour, exactly once")
public final class ClickstreamIngestTool extends RecoTool {
  /** The command name. */
  public static final String NAME = "ingest-clickstream";
  /** The topic read when none is given. */
  public static final String DEFAULT_TOPIC = "reco_clickstream";
  /** The consumer group when none is given. */
  public static final String DEFAULT_GROUP = "reco-raw-clickstream";
  /** Prefix of configuration keys passed through to the Kafka consumer. */
  public static final String KAFKA_PREFIX = "reco.ingest.kafka.";

  /** How long a stop signal waits for the open batch to be committed before the process ends anyway. */
  static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(20);

  private final PrintStream out;
  private final ClickstreamConsumer.Steps steps;

  @Option(names = "--bootstrap-servers", required = true, description = "Kafka brokers, host:port[,host:port].")
  private String bootstrapServers;
  @Option(names = "--raw", required = true, description = "Root of the raw zone.")
  private Path raw;
  @Option(names = "--topic", defaultValue = DEFAULT_TOPIC, description = "Topic to read.")
  private String topic;
  @Option(names = "--group", defaultValue = DEFAULT_GROUP, description = "Consumer group.")
  private String group;
  @Option(names = "--batch-records", defaultValue = "50000", description = "A batch ends after this many records.")
  private int batchRecords;
  @Option(names = "--batch-ms", defaultValue = "60000", description = "A batch ends after this many ms.")
  private long batchMs;
  @Option(names = "--gzip", defaultValue = "false", arity = "1", description = "Write gzip files: true or false.")
  private boolean gzip;
  @Option(names = "--max-idle-ms", defaultValue = "0",
      description = "Stop after this long without messages; 0 runs until stopped.")
  private long maxIdleMs;

  /** A tool that reports to {@code out} and tells {@code steps} of each durability checkpoint. */
  public ClickstreamIngestTool(PrintStream out, ClickstreamConsumer.Steps steps) {
    this.out = out;
    this.steps = steps;
  }

  /** A tool that reports to standard output. */
  public ClickstreamIngestTool() {
    this(System.out, ClickstreamConsumer.NONE);
  }

  /**
   * Runs the consumer until it is idle or the process is told to stop. On SIGTERM (or Ctrl-C) a shutdown hook stops
   * the consumer, which commits its open batch, and waits for this method to finish; the hook then ends the process
   * with this method's exit code through {@code Runtime.halt}. It must: once a signal has started the JVM's
   * shutdown, {@code System.exit} in {@code main} blocks for good, and a JVM that ends its shutdown by itself exits
   * 143. The file system is an uncached instance, so Hadoop's own shutdown hook, which closes the cached ones, cannot
   * close it under the last commit.
   */
  @Override
  protected int execute() throws Exception {
    if (getConf() == null) {
      setConf(new Configuration());
    }
    ClickstreamConsumer.Settings settings = new ClickstreamConsumer.Settings(topic, batchRecords, batchMs, gzip,
        maxIdleMs, EventRules.from(getConf()), EventJson.parser(getConf()));
    Map<String, Object> props = kafkaProperties(getConf(), bootstrapServers, group);
    CountDownLatch finished = new CountDownLatch(1);
    AtomicInteger exitCode = new AtomicInteger(ExitCodes.FAILURE);
    AtomicBoolean signalled = new AtomicBoolean();
    Thread hook = null;
    try (FileSystem fs = FileSystem.newInstance(raw.toUri(), getConf());
         KafkaConsumer<byte[], byte[]> kafka =
             new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      ClickstreamConsumer consumer = new ClickstreamConsumer(kafka, fs, new RawZone(fs.makeQualified(raw)),
          settings, Clock.systemUTC(), steps);
      hook = new Thread(() -> {
        signalled.set(true);
        consumer.stop();
        try {
          if (finished.await(SHUTDOWN_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
            System.out.flush();
            System.err.flush();
            Runtime.getRuntime().halt(exitCode.get());
          }
          // not finished in time: the JVM ends with 143; the open batch is undone at the next start
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "clickstream-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
      ClickstreamConsumer.Totals totals = consumer.run();
      out.printf("%s: %d messages read, %d events written, %d quarantined, in %d batches and %d files%n", NAME,
          totals.read(), totals.written(), totals.quarantined(), totals.batches(), totals.files());
      out.flush();
      exitCode.set(totals.read() == totals.written() + totals.quarantined() ? 0 : ExitCodes.FAILURE);
    } catch (Exception e) {
      if (signalled.get()) {
        // the hook ends the process before main could report this
        System.err.println(NAME + ": " + e.getMessage());
      }
      throw e;
    } finally {
      finished.countDown();
      if (hook != null) {
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
          // the JVM is shutting down: the hook ends the process with this run's exit code
        }
      }
    }
    return exitCode.get();
  }

  /**
   * The Kafka consumer's properties: exactly-once essentials, then every {@value #KAFKA_PREFIX} key of
   * {@code conf} (reco-default.xml sets fetch sizes for bulk landing: Kafka's 64 KB socket buffer caps a
   * loopback consumer at a fraction of the broker's speed).
   */
  public static Map<String, Object> kafkaProperties(Configuration conf, String bootstrap, String group) {
    Map<String, Object> props = new HashMap<>();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.putAll(Settings.withPrefix(conf, KAFKA_PREFIX));
    return props;
  }
}
