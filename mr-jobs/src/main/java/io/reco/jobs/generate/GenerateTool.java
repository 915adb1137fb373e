package io.reco.jobs.generate;

import io.reco.commands.RecoTool;
import io.reco.records.Settings;
import java.time.LocalDate;
import org.apache.hadoop.fs.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Writes a synthetic shop under a root directory (local or HDFS).
 *
 * <p>{@code hadoop jar reco-jobs.jar generate --output /data/reco --events 1000000 [--seed 42] [--start
 * 2026-11-01] [--days 7] [--products N] [--users N]}
 */
@Command(name = GenerateTool.NAME, description = "write a synthetic shop (catalog, customers, clickstream)")
public final class GenerateTool extends RecoTool {
  /** Name in the job driver. */
  public static final String NAME = "generate";

  @Option(names = "--output", required = true, description = "Root the shop is written under (raw/ inside it).")
  private Path root;
  @Option(names = "--events", defaultValue = "200000", description = "Clickstream events.")
  private long events;
  @Option(names = "--seed", defaultValue = "42", description = "Random seed.")
  private long seed;
  @Option(names = "--start", defaultValue = "2026-11-01", description = "First day, YYYY-MM-DD.")
  private LocalDate start;
  @Option(names = "--days", defaultValue = "7", description = "Days of events.")
  private int days;
  @Option(names = "--products", defaultValue = "0", description = "Products; 0 sizes the catalog to the events.")
  private int products;
  @Option(names = "--users", defaultValue = "0", description = "Users; 0 sizes them to the events.")
  private int users;

  @Override
  protected int execute() throws Exception {
    ShopGenerator.Settings settings = new ShopGenerator.Settings(seed, events, start, days, products, users);
    long started = System.nanoTime();
    ShopGenerator.Summary s = new ShopGenerator(root.getFileSystem(getConf()), root, settings).generate();
    System.out.printf("%s: %d events (%s; purchases %.2f%%) in %d sessions of %d users over %d products, "
        + "%d hour partitions under %s, %.1f s%n", NAME, s.events(), s.byType(), s.purchaseShare() * 100,
        s.sessions(), s.users(), s.products(), s.partitions(), s.clickstream(), (System.nanoTime() - started) / 1e9);
    return 0;
  }
}
