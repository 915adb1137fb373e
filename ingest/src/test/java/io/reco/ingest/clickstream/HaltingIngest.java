package io.reco.ingest.clickstream;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.util.ToolRunner;

/**
 * The clickstream consumer in a child JVM that dies like {@code kill -9} at the N-th occurrence of one checkpoint:
 * {@code -Dhalt.at=record:700} halts after the 700th record, with a batch half written. No shutdown hook runs and
 * nothing buffered is flushed.
 */
public final class HaltingIngest {
  /** The exit status of a halted run. */
  static final int HALTED = 137;

  private HaltingIngest() {
  }

  public static void main(String[] args) throws Exception {
    String[] haltAt = System.getProperty("halt.at", "none:0").split(":");
    String step = haltAt[0];
    int count = Integer.parseInt(haltAt[1]);
    AtomicInteger seen = new AtomicInteger();
    ClickstreamConsumer.Steps steps = name -> {
      if (name.equals(step) && seen.incrementAndGet() == count) {
        Runtime.getRuntime().halt(HALTED);
      }
    };
    System.exit(ToolRunner.run(new Configuration(), new ClickstreamIngestTool(System.out, steps), args));
  }
}
