package io.reco.jobs.generate;

import io.reco.ingest.common.Args;
import java.time.LocalDate;
import org.apache.hadoop.conf.Configured;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.util.Tool;

/**
 * Writes a synthetic shop under a root directory (local or HDFS).
 *
 * <p>{@code hadoop jar reco-jobs.jar generate --output /data/reco --events 1000000 [--seed 42] [--start
 * 2026-11-01] [--days 7] [--products N] [--users N]}
 */
public final class GenerateTool extends Configured implements Tool {
  /** Name in the job driver. */
  public static final String NAME = "generate";

  @Override
  public int run(String[] argv) throws Exception {
    Args args = Args.parse(NAME, argv, Args.names("output", "events", "seed", "start", "days", "products", "users"));
    ShopGenerator.Settings settings = new ShopGenerator.Settings(
        Long.parseLong(args.optional("seed", "42")),
        Long.parseLong(args.optional("events", "200000")),
        LocalDate.parse(args.optional("start", "2026-11-01")),
        Integer.parseInt(args.optional("days", "7")),
        Integer.parseInt(args.optional("products", "0")),
        Integer.parseInt(args.optional("users", "0")));
    Path root = new Path(args.required("output"));
    long started = System.nanoTime();
    ShopGenerator.Summary s = new ShopGenerator(root.getFileSystem(getConf()), root, settings).generate();
    System.out.printf("%s: %d events (%s; purchases %.2f%%) in %d sessions of %d users over %d products, "
        + "%d hour partitions under %s, %.1f s%n", NAME, s.events(), s.byType(), s.purchaseShare() * 100,
        s.sessions(), s.users(), s.products(), s.partitions(), s.clickstream(), (System.nanoTime() - started) / 1e9);
    return 0;
  }
}
