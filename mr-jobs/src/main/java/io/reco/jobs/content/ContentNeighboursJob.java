package io.reco.jobs.content;

import io.reco.commands.RecoTool;
import io.reco.jobs.common.Jobs;
import io.reco.jobs.common.MahoutIds;
import io.reco.jobs.common.ScoredListOutput;
import io.reco.jobs.common.SequenceFiles;
import io.reco.jobs.common.TopK;
import io.reco.jobs.similarity.SimilarItemsJob;
import io.reco.records.Settings;
import io.reco.records.avro.Product;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.mapred.AvroKey;
import org.apache.avro.mapreduce.AvroJob;
import org.apache.avro.mapreduce.AvroKeyInputFormat;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.hadoop.io.BytesWritable;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Counters;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.Mapper;
import org.apache.hadoop.mapreduce.Reducer;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.input.SequenceFileInputFormat;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;
import org.apache.hadoop.mapreduce.lib.output.LazyOutputFormat;
import org.apache.hadoop.mapreduce.lib.output.SequenceFileOutputFormat;
import org.apache.hadoop.mapreduce.lib.reduce.LongSumReducer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Content-based similar items: per active catalog product, the active products most alike in name, description,
 * attributes, category and brand, by the cosine of their {@link ContentVector}s, top {@code reco.content.top-k}.
 * Three passes over the silver catalog: the document frequency of each token; an inverted index (token, brand or
 * category to its products, with their weights) in which tokens in more than {@code reco.content.max-df} of the
 * products are left out and any entry longer than {@code reco.content.max-postings} is sampled down with a fixed
 * seed, each entry's products paired with the product of their weights; and, by product, the sum over its pairs,
 * to which the shared category, subcategory and brand are added exactly. Inactive products are in no pass.
 *
 * <p>{@code hadoop jar reco-jobs.jar content-neighbours --catalog runs/<run>/silver/catalog --output work/content}
 */
@Command(name = ContentNeighboursJob.NAME, description = "catalog products alike in text, category, brand -> top-K")
public final class ContentNeighboursJob extends RecoTool {
  /** Name in the job driver. */
  public static final String NAME = "content-neighbours";
  /** Neighbours kept per product. */
  public static final String TOP_K = "reco.content.top-k";
  /** Share of the products above which a token is too common to index. */
  public static final String MAX_DF = "reco.content.max-df";
  /** Products an index entry holds at most; a longer one is sampled down. */
  public static final String MAX_POSTINGS = "reco.content.max-postings";
  /** Weight of the category and of the subcategory, beside the text's length of 1. */
  public static final String CATEGORY_WEIGHT = "reco.content.category-weight";
  /** Weight of the brand, beside the text's length of 1. */
  public static final String BRAND_WEIGHT = "reco.content.brand-weight";
  /** Active products, set by the driver for the later passes. */
  static final String PRODUCTS = "reco.content.products";
  /** Where the later passes find the document frequencies; set by the driver. */
  static final String DF = "reco.content.df";
  /** Where the scoring pass finds the catalog; set by the driver. */
  static final String CATALOG = "reco.content.catalog";
  /** Marks the index entries of the facets, whose share of the cosine the scoring pass adds. */
  private static final String BRAND = "\u0000b\t";
  private static final String CATEGORY = "\u0000c\t";

  /** What a run read and wrote. */
  public record Result(long products, long inactive, long commonTokens, long itemsWithNeighbours) {
  }

  /** Emits {@code token -> 1} for each distinct token of an active product. */
  public static final class DocumentFrequencyMapper
      extends Mapper<AvroKey<Product>, NullWritable, Text, LongWritable> {
    private static final LongWritable ONE = new LongWritable(1);
    private final Text token = new Text();

    @Override
    protected void map(AvroKey<Product> key, NullWritable none, Context context)
        throws IOException, InterruptedException {
      Product p = key.datum();
      if (!p.getIsActive()) {
        context.getCounter(ContentCounters.INACTIVE_PRODUCTS).increment(1);
        return;
      }
      context.getCounter(ContentCounters.PRODUCTS).increment(1);
      for (String t : ContentVector.terms(p.getName(), p.getDescription(), p.getAttributes()).keySet()) {
        token.set(t);
        context.write(token, ONE);
      }
    }
  }

  /** Emits each active product's index entries: {@code token -> product TAB weight}, and its brand and category. */
  public static final class PostingsMapper extends Mapper<AvroKey<Product>, NullWritable, Text, Text> {
    private final Text entry = new Text();
    private final Text posting = new Text();
    private Map<String, Long> df;
    private long products;
    private double maxDf;

    @Override
    protected void setup(Context context) throws IOException {
      Configuration conf = context.getConfiguration();
      df = documentFrequencies(conf);
      products = conf.getLong(PRODUCTS, 0);
      maxDf = Settings.getDouble(conf, MAX_DF);
    }

    @Override
    protected void map(AvroKey<Product> key, NullWritable none, Context context)
        throws IOException, InterruptedException {
      Product p = key.datum();
      if (!p.getIsActive()) {
        return;
      }
      ContentVector v = vector(p, df, products);
      for (Map.Entry<String, Double> t : v.text().entrySet()) {
        long n = df.getOrDefault(t.getKey(), 1L);
        if (n > 1 && n <= maxDf * products) {
          write(t.getKey(), p.getProductId() + "\t" + t.getValue(), context);
        }
      }
      if (v.brand() != null) {
        write(BRAND + v.brand(), p.getProductId() + "\t0", context);
      }
      write(CATEGORY + v.category(), p.getProductId() + "\t0", context);
    }

    private void write(String e, String p, Context context) throws IOException, InterruptedException {
      entry.set(e);
      posting.set(p);
      context.write(entry, posting);
    }
  }

  /** Pairs the products of one index entry, sampled down to the cap: {@code a -> b TAB product of weights}. */
  public static final class PairsReducer extends Reducer<Text, Text, Text, Text> {
    private final Text from = new Text();
    private final Text to = new Text();
    private int maxPostings;
    private long seed;

    @Override
    protected void setup(Context context) {
      maxPostings = Settings.getInt(context.getConfiguration(), MAX_POSTINGS);
      seed = Settings.getLong(context.getConfiguration(), SimilarItemsJob.RANDOM_SEED);
    }

    @Override
    protected void reduce(Text entry, Iterable<Text> values, Context context) throws IOException, InterruptedException {
      List<String[]> postings = new ArrayList<>();
      values.forEach(v -> postings.add(v.toString().split("\t", 2)));
      postings.sort((x, y) -> x[0].compareTo(y[0]));
      List<String[]> kept = postings;
      if (postings.size() > maxPostings) {
        context.getCounter(ContentCounters.POSTINGS_CAPPED).increment(1);
        Collections.shuffle(postings, new Random(seed ^ MahoutIds.of(entry.toString())));
        kept = postings.subList(0, maxPostings);
      }
      for (int i = 0; i < kept.size(); i++) {
        double wi = Double.parseDouble(kept.get(i)[1]);
        for (int j = i + 1; j < kept.size(); j++) {
          String partial = String.valueOf(wi * Double.parseDouble(kept.get(j)[1]));
          write(kept.get(i)[0], kept.get(j)[0], partial, context);
          write(kept.get(j)[0], kept.get(i)[0], partial, context);
        }
      }
    }

    private void write(String a, String b, String partial, Context context) throws IOException, InterruptedException {
      from.set(a);
      to.set(b + "\t" + partial);
      context.write(from, to);
    }
  }

  /** Adds up a product's pairs, adds what the facets share, and keeps the best. */
  public static final class ScoreReducer extends Reducer<Text, Text, Text, BytesWritable> {
    private final BytesWritable list = new BytesWritable();
    private Map<String, ContentVector> vectors;
    private TopK top;
    private double categoryWeight;
    private double brandWeight;

    @Override
    protected void setup(Context context) throws IOException {
      Configuration conf = context.getConfiguration();
      vectors = vectors(conf, new Path(conf.get(CATALOG)), documentFrequencies(conf), conf.getLong(PRODUCTS, 0));
      top = new TopK(Settings.getInt(conf, TOP_K));
      categoryWeight = Settings.getDouble(conf, CATEGORY_WEIGHT);
      brandWeight = Settings.getDouble(conf, BRAND_WEIGHT);
    }

    @Override
    protected void reduce(Text item, Iterable<Text> values, Context context) throws IOException, InterruptedException {
      Map<String, Double> dots = new HashMap<>();
      for (Text value : values) {
        String[] f = value.toString().split("\t", 2);
        dots.merge(f[0], Double.parseDouble(f[1]), Double::sum);
      }
      ContentVector a = vectors.get(item.toString());
      top.clear();
      for (Map.Entry<String, Double> dot : dots.entrySet()) {
        double score = a.cosine(vectors.get(dot.getKey()), dot.getValue(), categoryWeight, brandWeight);
        if (score > 0) {
          top.offer(dot.getKey(), score);
        }
      }
      if (!top.isEmpty()) {
        top.encodeInto(list);
        context.write(item, list);
        context.getCounter(ContentCounters.ITEMS_WITH_NEIGHBOURS).increment(1);
      }
    }
  }

  private static ContentVector vector(Product p, Map<String, Long> df, long products) {
    return ContentVector.of(ContentVector.terms(p.getName(), p.getDescription(), p.getAttributes()),
        t -> df.getOrDefault(t, 1L), products, p.getCategory(), p.getSubcategory(), p.getBrand());
  }

  private static Map<String, Long> documentFrequencies(Configuration conf) throws IOException {
    Map<String, Long> df = new HashMap<>();
    Text key = new Text();
    LongWritable value = new LongWritable();
    SequenceFiles.read(conf, new Path(conf.get(DF)), key, value, () -> df.put(key.toString(), value.get()));
    return df;
  }

  /** The vectors of the active products of the catalog under {@code catalog}, read whole. */
  private static Map<String, ContentVector> vectors(Configuration conf, Path catalog, Map<String, Long> df,
      long products) throws IOException {
    Map<String, ContentVector> vectors = new HashMap<>();
    FileSystem fs = catalog.getFileSystem(conf);
    RemoteIterator<LocatedFileStatus> files = fs.listFiles(catalog, true);
    while (files.hasNext()) {
      Path file = files.next().getPath();
      if (!file.getName().endsWith(".avro")) {
        continue;
      }
      try (DataFileStream<Product> in = new DataFileStream<>(fs.open(file), new SpecificDatumReader<>(Product.class))) {
        while (in.hasNext()) {
          Product p = in.next();
          if (p.getIsActive()) {
            vectors.put(p.getProductId(), vector(p, df, products));
          }
        }
      }
    }
    return vectors;
  }

  /** The settings a run needs, checked before any pass starts. */
  static void checkSettings(Configuration conf) {
    for (String key : List.of(TOP_K, MAX_POSTINGS)) {
      if (Settings.getInt(conf, key) < (key.equals(MAX_POSTINGS) ? 2 : 1)) {
        throw new IllegalArgumentException(key + " must be at least " + (key.equals(MAX_POSTINGS) ? 2 : 1) + ", was "
            + Settings.getInt(conf, key));
      }
    }
    double maxDf = Settings.getDouble(conf, MAX_DF);
    if (!(maxDf > 0 && maxDf <= 1)) {
      throw new IllegalArgumentException(MAX_DF + " is a share of the products, above 0 and at most 1; was " + maxDf);
    }
    for (String key : List.of(CATEGORY_WEIGHT, BRAND_WEIGHT)) {
      if (!(Settings.getDouble(conf, key) >= 0)) {
        throw new IllegalArgumentException(key + " must be 0 or more, was " + Settings.getDouble(conf, key));
      }
    }
  }

  private static void catalogInput(Job job, Path catalog) throws IOException {
    job.setInputFormatClass(AvroKeyInputFormat.class);
    AvroJob.setInputKeySchema(job, Product.getClassSchema());
    FileInputFormat.setInputDirRecursive(job, true);
    FileInputFormat.addInputPath(job, catalog);
  }

  /** Builds the first pass, the document frequencies of the catalog under {@code catalog}, without running it. */
  public static Job createJob(Configuration conf, Path catalog, Path df) throws IOException {
    checkSettings(conf);
    Job job = Job.getInstance(conf, NAME + ": document frequencies");
    job.setJarByClass(ContentNeighboursJob.class);
    catalogInput(job, catalog);
    job.setMapperClass(DocumentFrequencyMapper.class);
    job.setCombinerClass(LongSumReducer.class);
    job.setReducerClass(LongSumReducer.class);
    job.setMapOutputKeyClass(Text.class);
    job.setMapOutputValueClass(LongWritable.class);
    job.setOutputKeyClass(Text.class);
    job.setOutputValueClass(LongWritable.class);
    job.setOutputFormatClass(SequenceFileOutputFormat.class);
    FileOutputFormat.setOutputPath(job, df);
    return job;
  }

  /**
   * Runs the three passes over the silver catalog under {@code catalog} into {@code output}; an output without any
   * list (no two active products alike) holds no data file.
   */
  public static Result run(Configuration conf, Path catalog, Path output) throws Exception {
    Path work = new Path(output.getParent(), output.getName() + "-work");
    output.getFileSystem(conf).delete(work, true);
    Path df = new Path(work, "df");
    Counters counted = Jobs.run(createJob(conf, catalog, df)).getCounters();
    long products = counted.findCounter(ContentCounters.PRODUCTS).getValue();
    Configuration later = new Configuration(conf);
    later.setLong(PRODUCTS, products);
    later.set(DF, df.toString());
    later.set(CATALOG, catalog.toString());
    double maxDf = Settings.getDouble(conf, MAX_DF);
    Set<String> common = new HashSet<>();
    documentFrequencies(later).forEach((token, n) -> {
      if (n > maxDf * products) {
        common.add(token);
      }
    });

    Job index = Job.getInstance(later, NAME + ": index");
    index.setJarByClass(ContentNeighboursJob.class);
    catalogInput(index, catalog);
    index.setMapperClass(PostingsMapper.class);
    index.setReducerClass(PairsReducer.class);
    index.setMapOutputKeyClass(Text.class);
    index.setMapOutputValueClass(Text.class);
    index.setOutputKeyClass(Text.class);
    index.setOutputValueClass(Text.class);
    index.setOutputFormatClass(SequenceFileOutputFormat.class);
    FileOutputFormat.setOutputPath(index, new Path(work, "pairs"));
    Jobs.run(index);

    Job score = Job.getInstance(later, NAME + ": score");
    score.setJarByClass(ContentNeighboursJob.class);
    score.setInputFormatClass(SequenceFileInputFormat.class);
    FileInputFormat.addInputPath(score, new Path(work, "pairs"));
    score.setMapperClass(Mapper.class);
    score.setReducerClass(ScoreReducer.class);
    score.setMapOutputKeyClass(Text.class);
    score.setMapOutputValueClass(Text.class);
    ScoredListOutput.configure(score);
    LazyOutputFormat.setOutputFormatClass(score, SequenceFileOutputFormat.class);
    FileOutputFormat.setOutputPath(score, output);
    Counters scored = Jobs.run(score).getCounters();
    return new Result(products, counted.findCounter(ContentCounters.INACTIVE_PRODUCTS).getValue(), common.size(),
        scored.findCounter(ContentCounters.ITEMS_WITH_NEIGHBOURS).getValue());
  }

  @Option(names = "--catalog", required = true, description = "The silver catalog of a bronze-to-silver run (Avro).")
  private Path catalog;
  @Option(names = "--output", required = true, description = "Output directory (must not exist).")
  private Path output;

  @Override
  protected int execute() throws Exception {
    Result r = run(getConf(), catalog, output);
    System.out.printf("%s: %d active products (%d inactive left out), %d common tokens skipped: %d with"
        + " neighbours%n", NAME, r.products(), r.inactive(), r.commonTokens(), r.itemsWithNeighbours());
    return 0;
  }
}
