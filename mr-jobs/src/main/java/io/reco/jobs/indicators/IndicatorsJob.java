package io.reco.jobs.indicators;

import io.reco.commands.RecoTool;
import io.reco.jobs.common.Jobs;
import io.reco.jobs.common.ScoredListOutput;
import io.reco.jobs.cross.CrossOccurrenceJob;
import io.reco.jobs.ease.EaseJob;
import io.reco.jobs.sequence.SequenceJob;
import io.reco.jobs.similarity.SimilarItemsJob;
import io.reco.jobs.similarity.TopNeighboursReducer;
import io.reco.ranking.IndicatorBlend;
import io.reco.ranking.RankingSettings;
import io.reco.records.Settings;
import io.reco.schema.ScoredLists;
import io.reco.schema.avro.ScoredItem;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.BytesWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.Mapper;
import org.apache.hadoop.mapreduce.Reducer;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import org.apache.hadoop.mapreduce.lib.input.SequenceFileInputFormat;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Trains each indicator that {@code reco.ranking.indicator-weights} weighs above 0 - {@code llr} and
 * {@code cosine} (Mahout's {@code ItemSimilarityJob}), {@code cross} ({@link CrossOccurrenceJob}), {@code ease}
 * ({@link EaseJob}) - each into
 * {@code <output>/<indicator>/}, then merges them per item with those weights ({@link IndicatorBlend}) into
 * {@code <output>/blended/}: the neighbour lists the service ranks top picks and similar items with.
 *
 * <p>{@code hadoop jar reco-jobs.jar indicators --interactions work/interactions --output work/indicators}
 */
@Command(name = IndicatorsJob.NAME, description = "every weighted indicator (LLR, cosine, cross, EASE), blended")
public final class IndicatorsJob extends RecoTool {
  /** Name in the job driver. */
  public static final String NAME = "indicators";
  /** The merged lists, under the output. */
  public static final String BLENDED = "blended";
  /** Every indicator the platform trains. */
  public static final List<String> KNOWN = List.of(SimilarItemsJob.Measure.LLR.indicator(),
      SimilarItemsJob.Measure.COSINE.indicator(), CrossOccurrenceJob.INDICATOR, EaseJob.NAME, SequenceJob.INDICATOR);
  /** The lists merged for answers to an anonymous session's items, under the output. */
  public static final String SESSION = "session";

  /**
   * What a run trained: per indicator, items with neighbours; the items with blended neighbours, and with session
   * neighbours.
   */
  public record Result(Map<String, Long> itemsByIndicator, long blendedItems, long sessionItems) {
  }

  /** Tags each list with its indicator: the name of the directory its file is in. */
  public static final class TagMapper extends Mapper<Text, BytesWritable, Text, BytesWritable> {
    private final BytesWritable tagged = new BytesWritable();
    private byte[] tag;

    @Override
    protected void setup(Context context) {
      String indicator = ((FileSplit) context.getInputSplit()).getPath().getParent().getName();
      tag = (indicator + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    protected void map(Text item, BytesWritable list, Context context) throws IOException, InterruptedException {
      byte[] bytes = new byte[tag.length + list.getLength()];
      System.arraycopy(tag, 0, bytes, 0, tag.length);
      System.arraycopy(list.getBytes(), 0, bytes, tag.length, list.getLength());
      tagged.set(bytes, 0, bytes.length);
      context.write(item, tagged);
    }
  }

  /** Merges an item's indicator lists. */
  public static final class BlendReducer extends Reducer<Text, BytesWritable, Text, BytesWritable> {
    private final BytesWritable out = new BytesWritable();
    private IndicatorBlend blend;
    private int topK;

    @Override
    protected void setup(Context context) {
      blend = RankingSettings.indicators(context.getConfiguration());
      topK = Settings.getInt(context.getConfiguration(), TopNeighboursReducer.TOP_K);
    }

    @Override
    protected void reduce(Text item, Iterable<BytesWritable> lists, Context context)
        throws IOException, InterruptedException {
      Map<String, List<ScoredItem>> byIndicator = new HashMap<>();
      for (BytesWritable value : lists) {
        byte[] bytes = value.getBytes();
        int newline = 0;
        while (bytes[newline] != '\n') {
          newline++;
        }
        String indicator = new String(bytes, 0, newline, java.nio.charset.StandardCharsets.UTF_8);
        byte[] encoded = java.util.Arrays.copyOfRange(bytes, newline + 1, value.getLength());
        byIndicator.put(indicator, ScoredLists.decode(encoded));
      }
      List<ScoredItem> merged = blend.merge(byIndicator, topK);
      if (!merged.isEmpty()) {
        byte[] encoded = ScoredLists.encode(merged);
        out.set(encoded, 0, encoded.length);
        context.write(item, out);
        context.getCounter(IndicatorCounters.BLENDED_ITEMS).increment(1);
      }
    }
  }

  /** Builds the merge job over the indicator lists under {@code dirs}. */
  public static Job blendJob(Configuration conf, List<Path> dirs, Path output) throws IOException {
    Job job = Job.getInstance(conf, NAME + ": blend");
    job.setJarByClass(IndicatorsJob.class);
    job.setInputFormatClass(SequenceFileInputFormat.class);
    for (Path dir : dirs) {
      FileInputFormat.addInputPath(job, dir);
    }
    job.setMapperClass(TagMapper.class);
    job.setReducerClass(BlendReducer.class);
    job.setMapOutputKeyClass(Text.class);
    job.setMapOutputValueClass(BytesWritable.class);
    ScoredListOutput.configure(job);
    FileOutputFormat.setOutputPath(job, output);
    return job;
  }

  /** The weights of {@code conf}, checked: at least one known indicator above 0, no unknown one. */
  public static IndicatorBlend weights(Configuration conf) {
    return checked(RankingSettings.INDICATOR_WEIGHTS, RankingSettings.indicators(conf));
  }

  /** The session weights of {@code conf}, checked likewise. */
  public static IndicatorBlend sessionWeights(Configuration conf) {
    return checked(RankingSettings.SESSION_INDICATOR_WEIGHTS, RankingSettings.sessionIndicators(conf));
  }

  private static IndicatorBlend checked(String key, IndicatorBlend blend) {
    for (String name : blend.weights().keySet()) {
      if (!KNOWN.contains(name)) {
        throw new IllegalArgumentException(key + " names indicator '" + name + "'; the indicators are " + KNOWN);
      }
    }
    if (KNOWN.stream().noneMatch(name -> blend.weight(name) > 0)) {
      throw new IllegalArgumentException(key + " must weigh one of " + KNOWN + " above 0, was '" + blend + "'");
    }
    return blend;
  }

  /**
   * Trains every indicator either blend weighs above 0 on {@code interactions}, and merges them into
   * {@code <output>/blended} (top picks, similar items) and {@code <output>/session} (answers to a session's items).
   */
  public static Result run(Configuration conf, Path interactions, Path output) throws Exception {
    IndicatorBlend blend = weights(conf);
    IndicatorBlend session = sessionWeights(conf);
    Map<String, Long> trained = new LinkedHashMap<>();
    List<Path> dirs = new ArrayList<>();
    for (String indicator : KNOWN) {
      if (blend.weight(indicator) > 0 || session.weight(indicator) > 0) {
        Path dir = new Path(output, indicator);
        trained.put(indicator, train(conf, indicator, interactions, dir));
        dirs.add(dir);
      }
    }
    long blended = Jobs.run(blendJob(conf, dirs, new Path(output, BLENDED))).getCounters()
        .findCounter(IndicatorCounters.BLENDED_ITEMS).getValue();
    Configuration sessionConf = new Configuration(conf);
    sessionConf.set(RankingSettings.INDICATOR_WEIGHTS, session.toString());
    long sessionItems = Jobs.run(blendJob(sessionConf, dirs, new Path(output, SESSION))).getCounters()
        .findCounter(IndicatorCounters.BLENDED_ITEMS).getValue();
    return new Result(trained, blended, sessionItems);
  }

  /** Trains one indicator into {@code dir}; the items it gave neighbours. */
  private static long train(Configuration conf, String indicator, Path interactions, Path dir) throws Exception {
    for (SimilarItemsJob.Measure measure : SimilarItemsJob.Measure.values()) {
      if (measure.indicator().equals(indicator)) {
        return SimilarItemsJob.run(conf, interactions, dir, measure).itemsWithNeighbours();
      }
    }
    return switch (indicator) {
      case CrossOccurrenceJob.INDICATOR -> CrossOccurrenceJob.run(conf, interactions, dir).itemsWithNeighbours();
      case EaseJob.NAME -> EaseJob.run(conf, interactions, dir).itemsWithNeighbours();
      case SequenceJob.INDICATOR -> SequenceJob.run(conf, interactions, dir).itemsWithNeighbours();
      default -> throw new IllegalArgumentException("no job trains indicator " + indicator);
    };
  }

  @Option(names = "--interactions", required = true, description = "Output of the interactions job.")
  private Path interactions;
  @Option(names = "--output", required = true, description = "Output directory (must not exist).")
  private Path output;

  @Override
  protected int execute() throws Exception {
    Result result = run(getConf(), interactions, output);
    System.out.printf("%s: items with neighbours by indicator %s, %d items blended into %s, %d into %s%n", NAME,
        result.itemsByIndicator(), result.blendedItems(), new Path(output, BLENDED), result.sessionItems(),
        new Path(output, SESSION));
    return 0;
  }
}
