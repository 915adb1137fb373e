package io.reco.jobs.common;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.mapred.AvroKey;
import org.apache.avro.mapred.AvroValue;
import org.apache.avro.mapreduce.AvroJob;
import org.apache.avro.mapreduce.AvroKeyInputFormat;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.Mapper;
import org.apache.hadoop.mapreduce.Reducer;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;

/**
 * What a feature job reads - silver events, the silver master snapshots beside them, the previous run's gold - and
 * the run record it leaves in its output ({@value #RECORD}): the time it is as of, the inputs it read and the
 * outputs it wrote, so that every gold dataset names the silver it came from.
 *
 * <p>The silver masters directory holds {@value #CATALOG}/, {@value #CUSTOMERS}/ and {@value #METADATA}/ (Avro), as
 * {@code bronze-to-silver} writes them; any may be missing.
 *
 * @param events directories of silver clickstream events (Avro, any depth)
 * @param masters the silver directory of the master snapshots, or null
 * @param previous the previous run's gold directory, whose state this run merges its events into, or null
 */
public record FeatureInputs(List<Path> events, Path masters, Path previous) {
  /** The run record's name in a feature job's output. */
  public static final String RECORD = "_RUN.json";
  /** The catalog snapshot's directory under the silver masters. */
  public static final String CATALOG = "catalog";
  /** The customers snapshot's directory under the silver masters. */
  public static final String CUSTOMERS = "customers";
  /** The product metadata pull's directory under the silver masters. */
  public static final String METADATA = "product_metadata";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A copy with {@code events} made immutable. */
  public FeatureInputs {
    events = List.copyOf(events);
  }

  /** The directory of {@code master} ({@link #CATALOG}...) if the masters hold it, else null. */
  public Path master(Configuration conf, String master) throws IOException {
    if (masters == null) {
      return null;
    }
    Path dir = new Path(masters, master);
    return dir.getFileSystem(conf).exists(dir) ? dir : null;
  }

  /** The previous run's {@code dataset} of {@code job} ({@code users/state}...), or null for a run from nothing. */
  public Path previous(String job, String dataset) {
    return previous == null ? null : new Path(previous(job), dataset);
  }

  /** The previous run's directory of {@code job}, or null for a run from nothing. */
  public Path previous(String job) {
    return previous == null ? null : new Path(previous, job);
  }

  /** The events, then {@code more} (those that are null or missing are skipped when added as inputs). */
  public List<Path> eventsAnd(Path... more) {
    List<Path> all = new ArrayList<>(events);
    all.addAll(java.util.Arrays.asList(more));
    return all;
  }

  /**
   * Sets up {@code job} to read {@code inputs} as {@code union} ({@link #avroInputs}), shuffle them under a
   * {@link TaggedKey} from {@code mapper} to {@code reducer} as the same union, and write its files under
   * {@code output} ({@link SilverEvents#output}).
   */
  public static void taggedShuffle(Job job, Schema union, List<Path> inputs,
      Class<? extends Mapper<AvroKey<Object>, NullWritable, TaggedKey, AvroValue<Object>>> mapper, Class<? extends Reducer<?, ?, ?, ?>> reducer, Path output)
      throws IOException {
    avroInputs(job, union, inputs.toArray(Path[]::new));
    job.setMapperClass(mapper);
    TaggedKey.shuffle(job);
    AvroJob.setMapOutputValueSchema(job, union);
    job.setReducerClass(reducer);
    SilverEvents.output(job, output);
  }

  /**
   * The time up to which the previous run of {@code job} merged events, from its run record; {@link Long#MIN_VALUE}
   * for a run from nothing.
   */
  public long mergedUpTo(Configuration conf, String job) throws IOException {
    if (previous == null) {
      return Long.MIN_VALUE;
    }
    Path record = new Path(previous(job), RECORD);
    FileSystem fs = record.getFileSystem(conf);
    if (!fs.exists(record)) {
      throw new IllegalArgumentException(job + ": the previous run " + previous + " has no " + RECORD + " of " + job
          + " (not a completed feature run)");
    }
    try (InputStream in = fs.open(record)) {
      return Instant.parse(JSON.readTree(in).path("as_of").asText()).toEpochMilli();
    }
  }

  /**
   * Adds to {@code job} every input that exists, read as Avro with {@code union} as the reader schema (each file's
   * records resolve to the union's branch of their own schema), at any depth.
   */
  public static void avroInputs(Job job, Schema union, Path... inputs) throws IOException {
    job.setInputFormatClass(AvroKeyInputFormat.class);
    AvroJob.setInputKeySchema(job, union);
    FileInputFormat.setInputDirRecursive(job, true);
    for (Path input : inputs) {
      if (input != null && input.getFileSystem(job.getConfiguration()).exists(input)) {
        FileInputFormat.addInputPath(job, input);
      }
    }
  }

  /** Writes the run record of a finished job into {@code output}. */
  public void record(Configuration conf, Path output, String job, Instant asOf, Map<String, Path> inputs,
      List<String> outputs, Map<String, Long> counts) throws IOException {
    ObjectNode r = JSON.createObjectNode();
    r.put("job", job);
    r.put("as_of", asOf.toString());
    r.put("previous", previous == null ? null : previous(output.getName()).toString());
    ObjectNode in = r.putObject("inputs");
    List<String> events = new ArrayList<>();
    this.events.forEach(e -> events.add(e.toString()));
    in.set("events", JSON.valueToTree(events));
    inputs.forEach((name, path) -> in.put(name, path == null ? null : path.toString()));
    r.set("outputs", JSON.valueToTree(outputs.stream().map(o -> new Path(output, o).toString()).toList()));
    r.set("counts", JSON.valueToTree(counts));
    try (OutputStream out = output.getFileSystem(conf).create(new Path(output, RECORD), true)) {
      JSON.writerWithDefaultPrettyPrinter().writeValue(out, r);
    }
  }

  /** The run record in {@code output}. */
  public static JsonNode readRecord(Configuration conf, Path output) throws IOException {
    Path record = new Path(output, RECORD);
    try (InputStream in = record.getFileSystem(conf).open(record)) {
      return JSON.readTree(in);
    }
  }
}
