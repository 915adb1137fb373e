package io.reco.jobs.pipeline;

import io.reco.commands.RecoTool;
import io.reco.schema.ModelInfo;
import io.reco.schema.ModelRegistry;
import org.apache.hadoop.hbase.HBaseConfiguration;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.ConnectionFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * Shows the served model or activates another registered version, to publish one built elsewhere or to roll
 * back: {@code publish} prints the active version, {@code publish <version>} activates it.
 */
@Command(name = PublishTool.NAME, description = "show the active model, or activate a version (publish, roll back)")
public final class PublishTool extends RecoTool {
  /** Name in the job driver. */
  public static final String NAME = "publish";

  @Parameters(arity = "0..1", paramLabel = "VERSION",
      description = "The version to activate; none shows the active one.")
  private String version;

  @Override
  protected int execute() throws Exception {
    try (Connection connection = ConnectionFactory.createConnection(HBaseConfiguration.create(getConf()))) {
      ModelRegistry registry = new ModelRegistry(connection);
      if (version != null) {
        registry.activate(version);
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
