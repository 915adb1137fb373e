package io.reco.changes;

import io.reco.ingest.master.CustomerParser;
import io.reco.ingest.master.EmailHasher;
import io.reco.ingest.master.MasterSyncTool;
import io.reco.commands.ExitCodes;
import io.reco.commands.RecoTool;
import io.reco.ingest.clickstream.ClickstreamIngestTool;
import io.reco.records.Settings;
import io.reco.records.raw.RawZone;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hbase.HBaseConfiguration;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.ConnectionFactory;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ingest-changes --bootstrap-servers host:port --raw <raw zone>} runs the {@link ChangeConsumer} against the
 * HBase of the configuration: the shop's product and inventory changes into {@code reco:item_status}, which the
 * service reads within {@code reco.serving.item-status-refresh-ms}, and with the customers changes
 * ({@code --customer-topics}) into the raw zone's journal, which {@link SnapshotMerge} merges into the next
 * snapshots, and with the orders changes ({@code --order-topics}) into its transaction files. The row fields are
 * {@code reco.changes.*}; Kafka
 * consumer properties pass through as {@code -D reco.ingest.kafka.<property>=value}, as for the clickstream.
 */
@Command(name = ChangeCaptureTool.NAME, description = "Kafka change events (Debezium) -> live item status in HBase")
public final class ChangeCaptureTool extends RecoTool {
  /** The command name. */
  public static final String NAME = "ingest-changes";
  /** The topics read when none are given: Debezium's {@code <server>.<schema>.<table>} of the shop's tables. */
  public static final String DEFAULT_TOPICS = "shop.public.products,shop.public.inventory";
  /** The consumer group when none is given. */
  public static final String DEFAULT_GROUP = "reco-item-status";
  static final String ID_FIELD = "reco.changes.id-field";
  static final String PRICE_FIELD = "reco.changes.price-field";
  static final String IN_STOCK_FIELD = "reco.changes.in-stock-field";
  static final String QUANTITY_FIELD = "reco.changes.quantity-field";
  static final String ACTIVE_FIELD = "reco.changes.active-field";

  private final PrintStream out;

  @Option(names = "--bootstrap-servers", required = true, description = "Kafka brokers, host:port[,host:port].")
  private String bootstrapServers;
  @Option(names = "--raw", required = true, description = "Root of the raw zone (for the quarantine).")
  private Path raw;
  @Option(names = "--topics", defaultValue = DEFAULT_TOPICS, description = "Topics to read, comma-separated.")
  private String topics;
  @Option(names = "--customer-topics", defaultValue = "",
      description = "Customers topics, comma-separated: their changes are journaled for the next customers snapshot"
          + " (needs reco.ingest.email-hash-key or -key-file, as the customers export does).")
  private String customerTopics;
  @Option(names = "--order-topics", defaultValue = "",
      description = "Orders and order-items topics, comma-separated: their changes land as transaction files, of"
          + " which the orders job keeps each order's latest version.")
  private String orderTopics;
  @Option(names = "--group", defaultValue = DEFAULT_GROUP, description = "Consumer group.")
  private String group;
  @Option(names = "--max-idle-ms", defaultValue = "0",
      description = "Stop after this long without messages; 0 runs until stopped.")
  private long maxIdleMs;

  /** A tool that reports to {@code out}. */
  public ChangeCaptureTool(PrintStream out) {
    this.out = out;
  }

  /** A tool that reports to standard output. */
  public ChangeCaptureTool() {
    this(System.out);
  }

  private static List<String> topics(String list) {
    return Arrays.stream(list.split(",")).map(String::strip).filter(t -> !t.isEmpty()).toList();
  }

  /** The row fields of the settings. */
  static ItemChange.Fields fields(Configuration conf) {
    return new ItemChange.Fields(Settings.get(conf, ID_FIELD), Settings.get(conf, PRICE_FIELD),
        Settings.get(conf, IN_STOCK_FIELD), Settings.get(conf, QUANTITY_FIELD), Settings.get(conf, ACTIVE_FIELD));
  }

  @Override
  protected int execute() throws Exception {
    Configuration conf = HBaseConfiguration.create(getConf() == null ? new Configuration() : getConf());
    List<String> names = topics(topics);
    List<String> customers = topics(customerTopics);
    ChangeConsumer.Settings settings = new ChangeConsumer.Settings(names, fields(conf), maxIdleMs, customers,
        customers.isEmpty() ? null : new CustomerParser(new EmailHasher(MasterSyncTool.emailHashKey(conf))),
        topics(orderTopics));
    try (FileSystem fs = FileSystem.newInstance(raw.toUri(), conf);
         Connection hbase = ConnectionFactory.createConnection(conf);
         KafkaConsumer<byte[], byte[]> kafka = new KafkaConsumer<>(
             ClickstreamIngestTool.kafkaProperties(conf, bootstrapServers, group), new ByteArrayDeserializer(),
             new ByteArrayDeserializer())) {
      ChangeConsumer consumer = new ChangeConsumer(kafka, hbase, fs, new RawZone(fs.makeQualified(raw)), settings,
          Clock.systemUTC());
      Thread hook = new Thread(consumer::stop, "changes-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
      ChangeConsumer.Totals totals = consumer.run();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // shutting down already
      }
      out.printf("%s: %d messages read, %d changes applied, %d tombstones skipped, %d quarantined%n", NAME,
          totals.read(), totals.applied(), totals.tombstones(), totals.quarantined());
      return totals.reconciles() ? 0 : ExitCodes.FAILURE;
    }
  }
}
