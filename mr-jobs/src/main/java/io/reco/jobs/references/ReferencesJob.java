package io.reco.jobs.references;

import io.reco.commands.RecoTool;
import io.reco.jobs.common.JobFailedException;
import io.reco.jobs.common.Jobs;
import io.reco.jobs.common.RawFileInputFormat;
import io.reco.jobs.common.SilverEvents;
import io.reco.jobs.common.TaggedKey;
import io.reco.records.Settings;
import io.reco.records.avro.InteractionEvent;
import io.reco.records.raw.RawZone;
import java.io.IOException;
import java.io.PrintStream;
import org.apache.avro.mapreduce.AvroJob;
import org.apache.avro.mapreduce.AvroKeyInputFormat;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Counters;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.input.MultipleInputs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Checks that every silver event's {@link Reference} exists in a master snapshot (its product in the catalog, or
 * its user among the customers), by a reduce-side join with a secondary sort ({@link TaggedKey}, the master row of
 * an id first): it scales with the master data, which is never loaded into a mapper. Writes
 * {@code <output>/silver/dt=.../} (Avro), {@code <output>/inactive/} (events of inactive products, JSON) and
 * {@code <output>/quarantine/} (events of unknown ids, reason UNKNOWN_REFERENCE). Events read = clean + unknown +
 * inactive, or the job fails.
 *
 * <p>{@code hadoop jar reco-jobs.jar references --entity catalog --input clean/silver --raw raw --output checked}
 * joins against the newest snapshot of the entity in the raw zone ({@code master/<entity>/_LATEST}); the entity is
 * {@code catalog} (the default) or {@code customers}.
 */
@Command(name = ReferencesJob.NAME, description = "silver events joined to the catalog or customers: unknown ids out")
public final class ReferencesJob extends RecoTool {
  /** Name in the job driver. */
  public static final String NAME = "references";
  /**
   * What becomes of events of users missing from the customers snapshot: {@code quarantine} (the default) or
   * {@code keep} them in silver, for shops whose visitors need not sign in.
   */
  public static final String UNKNOWN_USERS = "reco.references.unknown-users";
  /** Which {@link Reference} a job checks; set by {@link #createJob}. */
  static final String REFERENCE = "reco.references.reference";
  /** The tag of a master row: it sorts before the events of its id. */
  static final byte MASTER = 0;
  /** The tag of an event. */
  static final byte EVENT = 1;
  static final String SILVER = "silver";
  static final String INACTIVE = "inactive";
  /** Rejected records with their reason, under the job's output. */
  public static final String QUARANTINE = "quarantine";
  /** Where the snapshot file's verdict is written ({@link io.reco.jobs.common.RawFileVerdicts}). */
  public static final String FILES = "files";

  /**
   * What one run counted; {@code read == clean + unknown + inactive + erased}. {@code unknownKept} events of
   * unknown users were kept, and are part of {@code clean}. Where {@code masterRejected}, the snapshot file disagreed with its
   * manifest and was not read: every id was unknown, and the output must not be used.
   */
  public record Result(Reference reference, long masterRows, long read, long clean, long unknown, long inactive,
      long unknownKept, boolean masterRejected, long erased) {
  }

  static Reference reference(Configuration conf) {
    return Reference.valueOf(Settings.get(conf, REFERENCE));
  }

  /** Whether a job checking {@code reference} keeps events of unknown ids; the error names the setting. */
  public static boolean keepsUnknown(Configuration conf, Reference reference) {
    String policy = Settings.get(conf, UNKNOWN_USERS);
    if (!policy.equals("quarantine") && !policy.equals("keep")) {
      throw new IllegalArgumentException(UNKNOWN_USERS + " must be quarantine or keep, was '" + policy + "'");
    }
    return reference == Reference.USER && policy.equals("keep");
  }

  /** The data file of the newest snapshot of {@code reference}'s entity, or null when there is none. */
  public static Path latestSnapshot(FileSystem fs, Path raw, Reference reference) throws IOException {
    Path snapshot = new RawZone(raw).latestSnapshot(fs, reference.entity());
    return snapshot == null ? null : new Path(snapshot, reference.entity() + ".jsonl");
  }

  /** Builds the join of silver {@code events} with a master file of canonical JSON rows, without running it. */
  public static Job createJob(Configuration conf, Reference reference, Path events, Path master, Path output)
      throws IOException {
    keepsUnknown(conf, reference);
    Job job = Job.getInstance(conf, NAME + "-" + reference.entity());
    job.getConfiguration().set(REFERENCE, reference.name());
    job.setJarByClass(ReferencesJob.class);
    FileInputFormat.setInputDirRecursive(job, true);
    AvroJob.setInputKeySchema(job, InteractionEvent.getClassSchema());
    MultipleInputs.addInputPath(job, events, AvroKeyInputFormat.class, EventMapper.class);
    // the snapshot read whole and checked against its manifest, as every raw file is
    RawFileInputFormat.maxLineBytes(job.getConfiguration());
    MultipleInputs.addInputPath(job, master, RawFileInputFormat.class, MasterMapper.class);
    Path erased = new Path(master.getParent(), RawZone.ERASED);
    if (master.getFileSystem(conf).exists(erased)) {
      MultipleInputs.addInputPath(job, erased, RawFileInputFormat.class, MasterMapper.class);
    }
    TaggedKey.shuffle(job);
    job.setMapOutputValueClass(Text.class);
    job.setReducerClass(ReferencesReducer.class);
    SilverEvents.output(job, output);
    Jobs.addTextOutputs(job, INACTIVE, QUARANTINE, FILES);
    return job;
  }

  /** Reads the counters of a finished job and checks that they reconcile. */
  public static Result check(Job job) throws IOException {
    Counters c = job.getCounters();
    Result r = new Result(reference(job.getConfiguration()), c.findCounter(ReferencesCounters.MASTER_ROWS).getValue(),
        c.findCounter(ReferencesCounters.EVENTS_READ).getValue(),
        c.findCounter(ReferencesCounters.EVENTS_CLEAN).getValue(),
        c.findCounter(ReferencesCounters.UNKNOWN).getValue(),
        c.findCounter(ReferencesCounters.INACTIVE).getValue(),
        c.findCounter(ReferencesCounters.UNKNOWN_KEPT).getValue(),
        c.findCounter(ReferencesCounters.MASTER_FILES_REJECTED).getValue() > 0,
        c.findCounter(ReferencesCounters.ERASED).getValue());
    if (r.read() != r.clean() + r.unknown() + r.inactive() + r.erased()) {
      throw new JobFailedException(NAME + ": counts do not reconcile: read " + r.read() + " != clean " + r.clean()
          + " + unknown " + r.unknown() + " + inactive " + r.inactive() + " + erased " + r.erased());
    }
    if (r.masterRows() == 0 && !r.masterRejected()) {
      throw new JobFailedException(NAME + ": the " + r.reference().entity() + " snapshot holds no rows");
    }
    return r;
  }

  @Option(names = "--entity", defaultValue = "catalog", description = "catalog or customers.")
  private Reference reference;
  @Option(names = "--input", required = true, description = "Silver events (Avro).")
  private Path input;
  @Option(names = "--raw", required = true, description = "Root of the raw zone, holding the master snapshots.")
  private Path raw;
  @Option(names = "--output", required = true, description = "Output directory (must not exist).")
  private Path output;

  @Override
  protected int execute() throws Exception {
    Path master = latestSnapshot(raw.getFileSystem(getConf()), raw, reference);
    if (master == null) {
      throw new IllegalArgumentException(NAME + ": no " + reference.entity() + " snapshot under " + raw + " (no master/"
          + reference.entity() + "/_LATEST); run ingest-master --entity " + reference.entity() + " first");
    }
    Job job = Jobs.run(createJob(getConf(), reference, input, master, output));
    print(System.out, check(job));
    return 0;
  }

  /** Prints a result as the CLI shows it. */
  public static void print(PrintStream out, Result r) {
    out.printf("%s: read %d events against %d %s rows: %d clean, %d of unknown %s, %d of inactive ones%s%n", NAME,
        r.read(), r.masterRows(), r.reference().entity(), r.clean(), r.unknown(), r.reference().eventField(),
        r.inactive(), (r.unknownKept() > 0 ? " (" + r.unknownKept() + " of unknown users kept as guests)" : "")
        + (r.erased() > 0 ? "; " + r.erased() + " of erased customers dropped" : ""));
  }
}
