package io.reco.kafka;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A real Kafka broker in this JVM: one KRaft node acting as both controller and broker, on a random loopback
 * port, keeping its log under a directory of the caller's. Tests and benchmarks use it in place of a cluster.
 */
public final class EmbeddedKafka implements AutoCloseable {
  private final KafkaClusterTestKit cluster;

  private EmbeddedKafka(KafkaClusterTestKit cluster) {
    this.cluster = cluster;
  }

  /** Formats {@code dir} and starts the broker on a free port; returns once it accepts clients. */
  public static EmbeddedKafka start(Path dir) throws Exception {
    return start(dir, 0);
  }

  /**
   * Formats {@code dir} and starts the broker, telling clients it is at {@code localhost:advertisedPort} (0: where it
   * listens). A test that forwards that port to {@link #listenerAddress()} can then start and stop the broker's
   * reachability without the clients' bootstrap address changing.
   */
  public static EmbeddedKafka start(Path dir, int advertisedPort) throws Exception {
    TestKitNodes nodes = new TestKitNodes.Builder()
        .setCombined(true)
        .setNumControllerNodes(1)
        .setNumBrokerNodes(1)
        .setBaseDirectory(dir)
        .build();
    KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes);
    if (advertisedPort != 0) {
      builder.setConfigProp("advertised.listeners", nodes.brokerListenerName().value() + "://localhost:"
          + advertisedPort);
    }
    KafkaClusterTestKit cluster = builder
        .setConfigProp("offsets.topic.replication.factor", "1")
        .setConfigProp("offsets.topic.num.partitions", "1")
        .setConfigProp("transaction.state.log.replication.factor", "1")
        .setConfigProp("transaction.state.log.min.isr", "1")
        .setConfigProp("group.initial.rebalance.delay.ms", "0")
        .setConfigProp("auto.create.topics.enable", "false")
        .build();
    try {
      cluster.format();
      cluster.startup();
      cluster.waitForReadyBrokers();
    } catch (Exception e) {
      cluster.close();
      throw e;
    }
    return new EmbeddedKafka(cluster);
  }

  /** The {@code bootstrap.servers} value clients connect with: where the broker listens. */
  public String bootstrapServers() {
    return cluster.bootstrapServers();
  }

  /** Where the broker listens, {@code host:port}, whatever it advertises. */
  public String listenerAddress() {
    return cluster.bootstrapServers().split(",")[0];
  }

  /** Creates {@code topic} with {@code partitions} partitions unless it exists already. */
  public void createTopic(String topic, int partitions) throws InterruptedException, ExecutionException {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    try (Admin admin = Admin.create(props)) {
      admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1).configs(Map.of()))).all().get();
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw e;
      }
    }
  }

  @Override
  public void close() throws Exception {
    cluster.close();
  }
}
