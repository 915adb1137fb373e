package io.reco.jobs.similarity;

import io.reco.commands.RecoTool;
import io.reco.jobs.common.JobFailedException;
import io.reco.jobs.common.Jobs;
import io.reco.jobs.common.ScoredListOutput;
import io.reco.jobs.common.TaggedKey;
import io.reco.records.Settings;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.lib.input.MultipleInputs;
import org.apache.hadoop.mapreduce.lib.input.TextInputFormat;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;
import org.apache.hadoop.mapreduce.lib.output.TextOutputFormat;
import org.apache.hadoop.util.ToolRunner;
import org.apache.mahout.cf.taste.hadoop.similarity.item.ItemSimilarityJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Per item, its top-K most similar items by log-likelihood ratio, as a ranked list ready for {@code load-lists}.
 *
 * <p>Runs Mahout's {@link ItemSimilarityJob} on the interactions job's {@code prefs} (boolean data: LLR looks only
 * at who interacted with what), checks it wrote something (it can return 0 after a failed sub-job), then joins
 * Mahout's numeric ids back to item ids in two passes, using the {@code pairs} output as the dictionary. Scores
 * are Mahout's {@code 1 - 1/(1 + LLR)}, in (0, 1). Both joins key records by Mahout id ({@link TaggedKey}): the
 * item id the hash stands for sorts before the edges that need it, so a reducer names them without buffering them.
 *
 * <p>{@code hadoop jar reco-jobs.jar item-similarity --interactions work/interactions --output work/similar}
 */
@Command(name = SimilarItemsJob.NAME, description = "Mahout log-likelihood item similarity -> top-K lists")
public final class SimilarItemsJob extends RecoTool {
  /** Name in the job driver. */
  public static final String NAME = "item-similarity";
  /** Seed of Mahout's down-sampling of heavy users and items, for reproducible output. */
  public static final String RANDOM_SEED = "reco.similar.random-seed";
  /** Users or items with more preferences than this are sampled down by Mahout. */
  public static final String MAX_PREFS = "reco.similar.max-prefs";
  /** The tag of the record carrying the item id of a Mahout id: it sorts before the edges. */
  static final byte ITEM_NAME = 0;
  /** The tag of a record carrying a neighbour edge. */
  static final byte EDGE = 1;
  /** Values repeat the tag as their first character, so a reducer reads it from the value: an item id. */
  static final char NAME_VALUE = 'N';
  /** First character of a value carrying an edge. */
  static final char EDGE_VALUE = 'E';

  /** The Mahout similarity measures the platform trains as indicators, by indicator name. */
  public enum Measure {
    /** Log-likelihood ratio of co-occurrence (Dunning); Mahout's score is {@code 1 - 1/(1 + LLR)}. */
    LLR("llr", "SIMILARITY_LOGLIKELIHOOD"),
    /** Cosine of the items' user vectors: item-kNN. */
    COSINE("cosine", "SIMILARITY_COSINE");

    private final String indicator;
    private final String mahoutName;

    Measure(String indicator, String mahoutName) {
      this.indicator = indicator;
      this.mahoutName = mahoutName;
    }

    /** The indicator's name in {@code reco.ranking.indicator-weights}. */
    public String indicator() {
      return indicator;
    }
  }

  /** What one run produced. */
  public record Result(long mahoutPairs, long itemsWithNeighbours, long unnamedEdges) {
  }

  /** Runs Mahout's log-likelihood similarity and both joins; {@code interactions} is the interactions output. */
  public static Result run(Configuration conf, Path interactions, Path output) throws Exception {
    return run(conf, interactions, output, Measure.LLR);
  }

  /** Runs Mahout with {@code measure} and both joins; {@code interactions} is the interactions job's output. */
  public static Result run(Configuration conf, Path interactions, Path output, Measure measure) throws Exception {
    int topK = Settings.getInt(conf, TopNeighboursReducer.TOP_K);
    if (topK < 1) {
      throw new IllegalArgumentException(TopNeighboursReducer.TOP_K + " must be at least 1, was " + topK);
    }
    Path work = new Path(output.getParent(), output.getName() + "-work");
    Path mahout = new Path(work, "mahout");
    FileSystem fs = output.getFileSystem(conf);
    fs.delete(work, true);
    String[] mahoutArgs = mahoutArgs(conf, new Path(interactions, "prefs"), mahout, new Path(work, "mahout-tmp"),
        measure);
    int status = ToolRunner.run(Jobs.forMahout(conf), new ItemSimilarityJob(), mahoutArgs);
    if (status != 0 || !Jobs.hasData(fs, mahout)) {
      throw new JobFailedException(NAME + ": Mahout ItemSimilarityJob wrote no similar pairs to " + mahout
          + " (exit " + status + "); items need users in common for a similarity");
    }
    Path named = new Path(work, "named-edges");
    Job first = Jobs.run(nameSourcesJob(conf, interactions, mahout, named));
    Job second = Jobs.run(topNeighboursJob(conf, interactions, named, output));
    long mahoutPairs = first.getCounters().findCounter(SimilarityCounters.MAHOUT_PAIRS).getValue();
    long unnamed = first.getCounters().findCounter(SimilarityCounters.UNNAMED_EDGES).getValue()
        + second.getCounters().findCounter(SimilarityCounters.UNNAMED_EDGES).getValue();
    long items = second.getCounters().findCounter(SimilarityCounters.ITEMS_WITH_NEIGHBOURS).getValue();
    return new Result(mahoutPairs, items, unnamed);
  }

  /** The arguments of Mahout's {@link ItemSimilarityJob} as this job runs it (a benchmark runs it alone too). */
  public static String[] mahoutArgs(Configuration conf, Path prefs, Path output, Path temp, Measure measure) {
    return new String[] {
        "--input", prefs.toString(),
        "--output", output.toString(),
        "--tempDir", temp.toString(),
        "--similarityClassname", measure.mahoutName,
        "--maxSimilaritiesPerItem", String.valueOf(Settings.getInt(conf, TopNeighboursReducer.TOP_K)),
        "--maxPrefs", String.valueOf(Settings.getInt(conf, MAX_PREFS)),
        "--minPrefsPerUser", "1",
        "--booleanData", "true",
        "--randomSeed", String.valueOf(Settings.getLong(conf, RANDOM_SEED)),
    };
  }

  /** The first join: names the neighbour side of every Mahout edge. */
  public static Job nameSourcesJob(Configuration conf, Path interactions, Path mahout, Path output)
      throws IOException {
    Job job = Job.getInstance(conf, NAME + ": name neighbours");
    job.setJarByClass(SimilarItemsJob.class);
    MultipleInputs.addInputPath(job, new Path(interactions, "pairs"), TextInputFormat.class, ItemNameMapper.class);
    MultipleInputs.addInputPath(job, mahout, TextInputFormat.class, MahoutPairMapper.class);
    joinOnId(job);
    job.setReducerClass(NameSourceReducer.class);
    job.setOutputKeyClass(NullWritable.class);
    job.setOutputValueClass(Text.class);
    job.setOutputFormatClass(TextOutputFormat.class);
    FileOutputFormat.setOutputPath(job, output);
    return job;
  }

  /** The second join: names each item and keeps its top-K neighbours. */
  public static Job topNeighboursJob(Configuration conf, Path interactions, Path namedEdges, Path output)
      throws IOException {
    Job job = Job.getInstance(conf, NAME + ": top neighbours");
    job.setJarByClass(SimilarItemsJob.class);
    MultipleInputs.addInputPath(job, new Path(interactions, "pairs"), TextInputFormat.class, ItemNameMapper.class);
    MultipleInputs.addInputPath(job, namedEdges, TextInputFormat.class, NamedEdgeMapper.class);
    joinOnId(job);
    job.setReducerClass(TopNeighboursReducer.class);
    ScoredListOutput.configure(job);
    FileOutputFormat.setOutputPath(job, output);
    return job;
  }

  private static void joinOnId(Job job) {
    TaggedKey.shuffle(job);
    job.setMapOutputValueClass(Text.class);
  }

  @Option(names = "--interactions", required = true, description = "Output of the interactions job.")
  private Path interactions;
  @Option(names = "--output", required = true, description = "Output directory (must not exist).")
  private Path output;
  @Option(names = "--measure", defaultValue = "LLR", description = "LLR or COSINE (default ${DEFAULT-VALUE}).")
  private Measure measure;

  @Override
  protected int execute() throws Exception {
    Result result = run(getConf(), interactions, output, measure);
    System.out.printf("%s: %d similar pairs from Mahout, %d items with neighbours, %d unnamed edges%n", NAME,
        result.mahoutPairs(), result.itemsWithNeighbours(), result.unnamedEdges());
    return 0;
  }
}
