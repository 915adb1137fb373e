package io.reco.ingest.clickstream;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.util.ToolRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line of {@code bin/reco ingest clickstream} as the README writes it. */
class ClickstreamIngestToolTest {
  @TempDir
  java.nio.file.Path dir;

  @Test
  void aGenericSettingAfterTheOptionsReachesTheCommand() {
    ClickstreamIngestTool tool = new ClickstreamIngestTool(
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), ClickstreamConsumer.NONE);
    // an invalid event rule proves the setting was read: the run fails on it before touching Kafka
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ToolRunner.run(
        new Configuration(), tool, new String[] {"--bootstrap-servers", "localhost:1", "--raw", dir.toString(),
            "-D", "reco.ingest.kafka.group.instance.id=host-1", "-D", "reco.events.max-future-ms=oops"}));
    assertTrue(e.getMessage().contains("reco.events.max-future-ms"), e.getMessage());
  }
}
