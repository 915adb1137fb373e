package io.reco.jobs.pipeline;

import io.reco.schema.ModelInfo;
import io.reco.schema.ModelRegistry;
import org.apache.hadoop.conf.Configured;
import org.apache.hadoop.hbase.HBaseConfiguration;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.ConnectionFactory;
import org.apache.hadoop.util.Tool;

/**
 * Shows the served model or activates another registered version, to publish one built elsewhere or to roll
 * back: {@code publish} prints the active version, {@code publish <version>} activates it.
 */
public final class PublishTool extends Configured implements Tool {
  /** Name in the job driver. */
  public static final String NAME = "publish";

  @Override
  public int run(String[] args) throws Exception {
    if (args.length > 1) {
      throw new IllegalArgumentException("usage: publish [version]");
    }
    try (Connection connection = ConnectionFactory.createConnection(HBaseConfiguration.create(getConf()))) {
      ModelRegistry registry = new ModelRegistry(connection);
      if (args.length == 1) {
        registry.activate(args[0]);
      }
      String active = registry.activeVersion().orElse(null);
      if (active == null) {
        System.out.println("no model is active yet");
        return 0;
      }
      ModelInfo info = registry.describe(active).orElseThrow();
      System.out.println("active model " + active + " (" + info.status() + ", built " + info.createdAt() + ") "
          + info.stats());
    }
    return 0;
  }
}
