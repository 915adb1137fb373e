package io.reco.ingest.clickstream;

import io.reco.ingest.common.Args;
import io.reco.ingest.raw.RawZone;
import java.io.PrintStream;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.conf.Configured;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.util.Tool;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * {@code ingest-clickstream --bootstrap-servers host:port --raw <raw zone>} runs the {@link ClickstreamConsumer}.
 * Arguments: {@code --topic} (default {@value #DEFAULT_TOPIC}), {@code --group} (default {@value #DEFAULT_GROUP}),
 * {@code --batch-records} (default 50000), {@code --batch-ms} (default 60000), {@code --gzip true|false} (default
 * false), {@code --max-idle-ms} (stop after this long without messages; default 0 = run until stopped). Any
 * {@code -D reco.ingest.kafka.<property>=value} is passed to the Kafka consumer (security settings, fetch sizes).
 * Give each consumer process a stable {@code -D reco.ingest.kafka.group.instance.id=<name>} (static membership) so
 * that a restarted consumer takes its partitions back at once instead of after the group's session timeout.
 */
public final class ClickstreamIngestTool extends Configured implements Tool {
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
  public int run(String[] argv) throws Exception {
    Args args = Args.parse(NAME, argv, Args.names("bootstrap-servers", "raw", "topic", "group", "batch-records",
        "batch-ms", "gzip", "max-idle-ms"));
    ClickstreamConsumer.Settings settings = new ClickstreamConsumer.Settings(
        args.optional("topic", DEFAULT_TOPIC),
        args.integer("batch-records", 50_000),
        args.longValue("batch-ms", 60_000L),
        args.bool("gzip", false),
        args.longValue("max-idle-ms", 0L));
    Path root = new Path(args.required("raw"));
    FileSystem fs = root.getFileSystem(getConf());
    Map<String, Object> props = kafkaProperties(getConf(), args.required("bootstrap-servers"),
        args.optional("group", DEFAULT_GROUP));
    try (KafkaConsumer<byte[], byte[]> kafka =
             new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      ClickstreamConsumer consumer = new ClickstreamConsumer(kafka, fs, new RawZone(fs.makeQualified(root)),
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
   * Fetch settings for a consumer that lands bulk data: big polls, 4 MB per partition fetch and a 2 MB socket
   * buffer (Kafka's default of 64 KB caps a loopback consumer at a fraction of the broker's speed).
   */
  public static Map<String, Object> throughputDefaults() {
    return Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000",
        ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(4 << 20),
        ConsumerConfig.RECEIVE_BUFFER_CONFIG, String.valueOf(2 << 20));
  }

  /** The Kafka consumer's properties: reco's defaults, then every {@value #KAFKA_PREFIX} key of {@code conf}. */
  static Map<String, Object> kafkaProperties(Configuration conf, String bootstrap, String group) {
    Map<String, Object> props = new HashMap<>();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.putAll(throughputDefaults());
    props.putAll(conf.getPropsWithPrefix(KAFKA_PREFIX));
    return props;
  }
}
