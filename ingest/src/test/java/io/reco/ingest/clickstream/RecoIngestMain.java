package io.reco.ingest.clickstream;

import io.reco.commands.ExitCodes;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.util.ToolRunner;

/**
 * {@code bin/reco ingest clickstream} in a child JVM, ended as {@code bin/reco} ends every command: through
 * {@link ExitCodes#exit}, that is {@code System.exit} with the command's exit code.
 */
public final class RecoIngestMain {
  private RecoIngestMain() {
  }

  public static void main(String[] args) {
    ExitCodes.exit("reco", () -> ToolRunner.run(new Configuration(), new ClickstreamIngestTool(), args));
  }
}
