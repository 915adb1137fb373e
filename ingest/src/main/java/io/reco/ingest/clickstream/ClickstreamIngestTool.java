package io.reco.ingest.clickstream;

import io.reco.commands.RecoTool;
import io.reco.records.EventRules;
import io.reco.records.Settings;
import io.reco.records.raw.RawZone;
import java.io.PrintStream;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
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

  @Override
  protected int execute() throws Exception {
    ClickstreamConsumer.Settings settings = new ClickstreamConsumer.Settings(topic, batchRecords, batchMs, gzip,
        maxIdleMs, EventRules.from(getConf()));
    FileSystem fs = raw.getFileSystem(getConf());
    Map<String, Object> props = kafkaProperties(getConf(), bootstrapServers, group);
    try (KafkaConsumer<byte[], byte[]> kafka =
             new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      ClickstreamConsumer consumer = new ClickstreamConsumer(kafka, fs, new RawZone(fs.makeQualified(raw)),
          settings, Clock.systemUTC(), steps);
      Thread main = Thread.currentThread();
      Thread hook = new Thread(() -> {
        consumer.stop();
        try {
          main.join(30_000L);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "clickstream-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
      ClickstreamConsumer.Totals totals = consumer.run();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // the JVM is already shutting down: the hook is running and waits for this thread
      }
      out.printf("%s: %d messages read, %d events written, %d quarantined, in %d batches and %d files%n", NAME,
          totals.read(), totals.written(), totals.quarantined(), totals.batches(), totals.files());
      return totals.read() == totals.written() + totals.quarantined() ? 0 : 1;
    }
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
