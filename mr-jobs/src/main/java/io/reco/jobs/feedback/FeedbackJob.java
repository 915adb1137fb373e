package io.reco.jobs.feedback;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.reco.commands.RecoTool;
import io.reco.jobs.common.Jobs;
import io.reco.jobs.common.SilverEvents;
import io.reco.jobs.common.TextFiles;
import io.reco.records.Feedback;
import io.reco.records.Settings;
import io.reco.records.avro.EventType;
import io.reco.records.avro.InteractionEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.avro.mapred.AvroKey;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.Mapper;
import org.apache.hadoop.mapreduce.Reducer;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;
import org.apache.hadoop.mapreduce.lib.output.TextOutputFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * What users did with what the service answered: per A/B variant, model version and endpoint, the answers, the
 * items shown (impressions), the clicks on them and the purchases they led to. Reads the service's impressions
 * ({@link Feedback}, set apart by bronze to silver) and the silver events; one pass keyed by (user, item) brings an
 * item's impressions to that user together with the user's clicks on it and purchases of it. An impression is
 * clicked when a click names its request id; it converts when it was clicked and the user bought the item within
 * {@value #ATTRIBUTION_WINDOW_MS} after it was shown. Each reduce task sums its impressions by (variant, model,
 * endpoint), a handful of groups, and the driver adds the tasks' sums up into {@code <output>/feedback.json}.
 * Impressions repeated by a retry (same event id) count once. Click-through rate = clicks / impressions; conversion
 * rate = conversions / clicks.
 *
 * <p>{@code hadoop jar reco-jobs.jar feedback --impressions runs/<run>/silver/impressions --events
 * runs/<run>/silver/clickstream --output work/feedback}
 */
@Command(name = FeedbackJob.NAME, description = "impressions, clicks, purchases -> CTR and conversion per variant")
public final class FeedbackJob extends RecoTool {
  /** Name in the job driver. */
  public static final String NAME = "feedback";
  /** How long after an impression a purchase of its item counts as its conversion, ms. */
  public static final String ATTRIBUTION_WINDOW_MS = "reco.feedback.attribution-window-ms";
  /** The summary's file name in the output. */
  public static final String SUMMARY = "feedback.json";
  private static final String SUMS = "sums";
  private static final char IMPRESSION = 'I';
  private static final char CLICK = 'C';
  private static final char PURCHASE = 'P';

  /** What the job counted. */
  public enum Counters {
    /** Impressions read. */
    IMPRESSIONS_READ,
    /** Clicks naming a request id read. */
    CLICKS_READ,
    /** Clicks naming a request id that no impression of that user and item carries. */
    CLICKS_UNMATCHED,
    /** Purchases read. */
    PURCHASES_READ,
    /** Impressions read again under an event id already counted. */
    IMPRESSIONS_REPEATED
  }

  /** The figures of one (variant, model, endpoint). */
  public record Row(String variant, String model, String endpoint, long answers, long impressions, long clicks,
      long conversions) {
    /** Clicks per impression. */
    public double clickThroughRate() {
      return impressions == 0 ? 0 : (double) clicks / impressions;
    }

    /** Conversions per click. */
    public double conversionRate() {
      return clicks == 0 ? 0 : (double) conversions / clicks;
    }
  }

  /** The rows, by variant, model and endpoint, and what the job read. */
  public record Result(List<Row> rows, long impressionsRead, long clicksRead, long clicksUnmatched,
      long purchasesRead) {
  }

  /** Emits {@code user \t item -> tagged value} for impressions, clicks naming a request and purchases. */
  public static final class EventMapper extends Mapper<AvroKey<InteractionEvent>, NullWritable, Text, Text> {
    private final Text key = new Text();
    private final Text value = new Text();

    @Override
    protected void map(AvroKey<InteractionEvent> in, NullWritable none, Context context)
        throws IOException, InterruptedException {
      InteractionEvent e = in.datum();
      String requestId = Feedback.requestId(e);
      String tagged;
      if (e.getEventType() == EventType.impression && requestId != null) {
        Map<String, String> m = e.getMetadata();
        tagged = String.join("\t", String.valueOf(IMPRESSION), Long.toString(e.getTimestamp()), e.getEventId(),
            requestId, m.getOrDefault(Feedback.VARIANT, "none"), m.getOrDefault(Feedback.MODEL, ""),
            e.getPageContext() == null ? "" : e.getPageContext(), m.getOrDefault(Feedback.SLOT, "0"));
        context.getCounter(Counters.IMPRESSIONS_READ).increment(1);
      } else if (e.getEventType() == EventType.click && requestId != null) {
        tagged = CLICK + "\t" + e.getTimestamp() + "\t" + requestId;
        context.getCounter(Counters.CLICKS_READ).increment(1);
      } else if (e.getEventType() == EventType.purchase) {
        tagged = PURCHASE + "\t" + e.getTimestamp();
        context.getCounter(Counters.PURCHASES_READ).increment(1);
      } else {
        return;
      }
      key.set(e.getUserId() + "\t" + e.getProductId());
      value.set(tagged);
      context.write(key, value);
    }
  }

  /** Attributes one (user, item)'s clicks and purchases to its impressions; writes its task's sums by group. */
  public static final class AttributionReducer extends Reducer<Text, Text, Text, NullWritable> {
    private final Map<String, long[]> sums = new TreeMap<>();
    private long window;

    @Override
    protected void setup(Context context) {
      window = Settings.getLong(context.getConfiguration(), ATTRIBUTION_WINDOW_MS);
    }

    @Override
    protected void reduce(Text key, Iterable<Text> values, Context context) {
      List<String[]> impressions = new ArrayList<>();
      Set<String> eventIds = new HashSet<>();
      Set<String> clicked = new HashSet<>();
      List<Long> purchases = new ArrayList<>();
      for (Text value : values) {
        String[] f = value.toString().split("\t", -1);
        switch (f[0].charAt(0)) {
          case IMPRESSION -> {
            if (eventIds.add(f[2])) {
              impressions.add(f);
            } else {
              context.getCounter(Counters.IMPRESSIONS_REPEATED).increment(1);
            }
          }
          case CLICK -> clicked.add(f[2]);
          default -> purchases.add(Long.parseLong(f[1]));
        }
      }
      Set<String> shown = new HashSet<>();
      for (String[] f : impressions) {
        long time = Long.parseLong(f[1]);
        String requestId = f[3];
        shown.add(requestId);
        boolean click = clicked.contains(requestId);
        boolean converted = click && purchases.stream().anyMatch(t -> t >= time && t <= time + window);
        long[] s = sums.computeIfAbsent(f[4] + "\t" + f[5] + "\t" + f[6], g -> new long[4]);
        s[0] += "1".equals(f[7]) ? 1 : 0;
        s[1]++;
        s[2] += click ? 1 : 0;
        s[3] += converted ? 1 : 0;
      }
      clicked.removeAll(shown);
      context.getCounter(Counters.CLICKS_UNMATCHED).increment(clicked.size());
    }

    @Override
    protected void cleanup(Context context) throws IOException, InterruptedException {
      for (Map.Entry<String, long[]> e : sums.entrySet()) {
        long[] s = e.getValue();
        context.write(new Text(e.getKey() + "\t" + s[0] + "\t" + s[1] + "\t" + s[2] + "\t" + s[3]),
            NullWritable.get());
      }
    }
  }

  /** Builds the job over the impressions and the silver events without running it. */
  public static Job createJob(Configuration conf, Path impressions, Path events, Path output) throws IOException {
    if (Settings.getLong(conf, ATTRIBUTION_WINDOW_MS) < 0) {
      throw new IllegalArgumentException(ATTRIBUTION_WINDOW_MS + " must be 0 or more");
    }
    Job job = Job.getInstance(conf, NAME);
    job.setJarByClass(FeedbackJob.class);
    SilverEvents.input(job, impressions);
    FileInputFormat.addInputPath(job, events);
    job.setMapperClass(EventMapper.class);
    job.setMapOutputKeyClass(Text.class);
    job.setMapOutputValueClass(Text.class);
    job.setReducerClass(AttributionReducer.class);
    job.setOutputKeyClass(Text.class);
    job.setOutputValueClass(NullWritable.class);
    job.setOutputFormatClass(TextOutputFormat.class);
    FileOutputFormat.setOutputPath(job, new Path(output, SUMS));
    return job;
  }

  /**
   * Runs the job into {@code output} (which must not exist) and writes its summary there.
   *
   * @param impressions the service's impressions, Avro at any depth (bronze to silver's {@code silver/impressions})
   * @param events the silver events
   */
  public static Result run(Configuration conf, Path impressions, Path events, Path output)
      throws IOException, InterruptedException {
    FileSystem fs = output.getFileSystem(conf);
    if (fs.exists(output)) {
      throw new FileAlreadyExistsException(NAME + ": output directory " + output + " already exists");
    }
    Job job = Jobs.run(createJob(conf, impressions, events, output));
    Map<String, long[]> sums = new TreeMap<>();
    TextFiles.read(conf, new Path(output, SUMS), line -> {
      String[] f = line.split("\t", -1);
      long[] s = sums.computeIfAbsent(f[0] + "\t" + f[1] + "\t" + f[2], g -> new long[4]);
      for (int i = 0; i < 4; i++) {
        s[i] += Long.parseLong(f[3 + i]);
      }
    });
    List<Row> rows = new ArrayList<>();
    for (Map.Entry<String, long[]> e : sums.entrySet()) {
      String[] g = e.getKey().split("\t", -1);
      long[] s = e.getValue();
      rows.add(new Row(g[0], g[1], g[2], s[0], s[1], s[2], s[3]));
    }
    org.apache.hadoop.mapreduce.Counters c = job.getCounters();
    Result result = new Result(rows, c.findCounter(Counters.IMPRESSIONS_READ).getValue(),
        c.findCounter(Counters.CLICKS_READ).getValue(), c.findCounter(Counters.CLICKS_UNMATCHED).getValue(),
        c.findCounter(Counters.PURCHASES_READ).getValue());
    try (OutputStream out = fs.create(new Path(output, SUMMARY), false)) {
      out.write(toJson(result).getBytes(StandardCharsets.UTF_8));
    }
    return result;
  }

  /** The summary as {@code feedback.json} holds it. */
  static String toJson(Result result) throws IOException {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Row r : result.rows()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("variant", r.variant());
      row.put("model", r.model());
      row.put("endpoint", r.endpoint());
      row.put("answers", r.answers());
      row.put("impressions", r.impressions());
      row.put("clicks", r.clicks());
      row.put("conversions", r.conversions());
      row.put("click_through_rate", r.clickThroughRate());
      row.put("conversion_rate", r.conversionRate());
      rows.add(row);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("rows", rows);
    body.put("impressions_read", result.impressionsRead());
    body.put("clicks_read", result.clicksRead());
    body.put("clicks_unmatched", result.clicksUnmatched());
    body.put("purchases_read", result.purchasesRead());
    return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(body) + "\n";
  }

  @Option(names = "--impressions", required = true, description = "The service's impressions (Avro, any depth).")
  private Path impressions;
  @Option(names = "--events", required = true, description = "Silver events (Avro, any depth).")
  private Path events;
  @Option(names = "--output", required = true, description = "Output directory (must not exist).")
  private Path output;

  @Override
  protected int execute() throws Exception {
    print(System.out, run(getConf(), impressions, events, output));
    return 0;
  }

  /** Prints a result as the CLI shows it: one line per variant, model and endpoint. */
  public static void print(PrintStream out, Result r) {
    out.printf("%s: %d impressions, %d clicks on them (%d matching none), %d purchases read%n", NAME,
        r.impressionsRead(), r.clicksRead(), r.clicksUnmatched(), r.purchasesRead());
    out.printf("  %-24s %-28s %-24s %8s %11s %7s %7s %11s %7s%n", "variant", "model", "endpoint", "answers",
        "impressions", "clicks", "ctr", "conversions", "conv");
    for (Row row : r.rows()) {
      out.printf("  %-24s %-28s %-24s %8d %11d %7d %6.2f%% %11d %6.2f%%%n", row.variant(), row.model(),
          row.endpoint(), row.answers(), row.impressions(), row.clicks(), 100 * row.clickThroughRate(),
          row.conversions(), 100 * row.conversionRate());
    }
  }
}
