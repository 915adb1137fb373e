package io.reco.jobs.load;

import io.reco.commands.RecoTool;
import io.reco.jobs.common.HFiles;
import io.reco.jobs.common.JobFailedException;
import io.reco.jobs.common.Jobs;
import io.reco.schema.FeatureCells;
import io.reco.schema.ModelRegistry;
import io.reco.schema.RecoTables;
import io.reco.schema.ScoredLists;
import io.reco.schema.TableSpec;
import io.reco.schema.avro.ItemFeatures;
import io.reco.schema.avro.UserFeatures;
import java.io.IOException;
import org.apache.avro.mapred.AvroKey;
import org.apache.avro.mapreduce.AvroJob;
import org.apache.avro.mapreduce.AvroKeyInputFormat;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hbase.KeyValue;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.ConnectionFactory;
import org.apache.hadoop.hbase.io.ImmutableBytesWritable;
import org.apache.hadoop.hbase.util.MapReduceExtendedCell;
import org.apache.hadoop.io.BytesWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.Mapper;
import org.apache.hadoop.mapreduce.TaskCounter;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.input.SequenceFileInputFormat;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Writes the ranked lists of a job (entity id to encoded list), or the gold features of the feature jobs (Avro), as
 * HFiles for one model table, one cell per entity
 * with the model version as qualifier, and bulk-loads them. The cells sit beside the live model's until the
 * version is activated.
 *
 * <p>{@code hadoop jar reco-jobs.jar load-lists --table reco:item_similar --version v20261122-001500
 * --input work/similar --hfiles work/hfiles/item_similar}
 */
@Command(name = LoadListsJob.NAME, description = "ranked lists -> HFiles -> bulk load under a model version")
public final class LoadListsJob extends RecoTool {
  /** Name in the job driver. */
  public static final String NAME = "load-lists";
  private static final String TABLE = "reco.load.table";
  private static final String VERSION = "reco.load.version";

  /** Turns {@code entity -> list} into the cell of this table and version. */
  public static final class CellMapper
      extends Mapper<Text, BytesWritable, ImmutableBytesWritable, MapReduceExtendedCell> {
    private final ImmutableBytesWritable row = new ImmutableBytesWritable();
    private TableSpec table;
    private String version;

    @Override
    protected void setup(Context context) {
      table = tableOf(context.getConfiguration().get(TABLE));
      version = context.getConfiguration().get(VERSION);
    }

    @Override
    protected void map(Text entity, BytesWritable list, Context context) throws IOException, InterruptedException {
      KeyValue cell = ScoredLists.cell(table, entity.toString(), version, list.getBytes(), list.getLength());
      row.set(cell.getRowArray(), cell.getRowOffset(), cell.getRowLength());
      context.write(row, new MapReduceExtendedCell(cell));
    }
  }

  /** Turns each gold feature record into its versioned cell ({@link FeatureCells}) of this table and version. */
  public static final class FeaturesMapper
      extends Mapper<AvroKey<Object>, NullWritable, ImmutableBytesWritable, MapReduceExtendedCell> {
    private final ImmutableBytesWritable row = new ImmutableBytesWritable();
    private TableSpec table;
    private String version;

    @Override
    protected void setup(Context context) {
      table = tableOf(context.getConfiguration().get(TABLE));
      version = context.getConfiguration().get(VERSION);
    }

    @Override
    protected void map(AvroKey<Object> record, NullWritable ignored, Context context)
        throws IOException, InterruptedException {
      byte[] value;
      String entity;
      if (record.datum() instanceof UserFeatures u) {
        entity = u.getUserId();
        value = FeatureCells.encode(u);
      } else {
        ItemFeatures i = (ItemFeatures) record.datum();
        entity = i.getItemId();
        value = FeatureCells.encode(i);
      }
      KeyValue cell = ScoredLists.cell(table, entity, version, value, value.length);
      row.set(cell.getRowArray(), cell.getRowOffset(), cell.getRowLength());
      context.write(row, new MapReduceExtendedCell(cell));
    }
  }

  /** The model table called {@code name}. */
  static TableSpec tableOf(String name) {
    return RecoTables.MODEL_TABLES.stream().filter(t -> t.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no model table '" + name + "'; model tables are "
            + RecoTables.MODEL_TABLES.stream().map(TableSpec::name).toList()));
  }

  /** Builds the HFile-writing job; needs the table to exist, for its regions. */
  public static Job createJob(Configuration conf, Connection connection, TableSpec table, String version,
      Path input, Path hfiles) throws IOException {
    Job job = Job.getInstance(conf, NAME + " " + table.name());
    job.getConfiguration().set(TABLE, table.name());
    job.getConfiguration().set(VERSION, ModelRegistry.checkVersion(version));
    job.setJarByClass(LoadListsJob.class);
    if (table == RecoTables.USER_FEATURES || table == RecoTables.ITEM_FEATURES) {
      // gold feature records (Avro, by date), each encoded as its versioned cell
      job.setInputFormatClass(AvroKeyInputFormat.class);
      AvroJob.setInputKeySchema(job, table == RecoTables.USER_FEATURES ? UserFeatures.getClassSchema()
          : ItemFeatures.getClassSchema());
      FileInputFormat.setInputDirRecursive(job, true);
      job.setMapperClass(FeaturesMapper.class);
    } else {
      job.setInputFormatClass(SequenceFileInputFormat.class);
      job.setMapperClass(CellMapper.class);
    }
    FileInputFormat.addInputPath(job, input);
    job.setMapOutputKeyClass(ImmutableBytesWritable.class);
    job.setMapOutputValueClass(MapReduceExtendedCell.class);
    HFiles.configure(job, connection, table);
    FileOutputFormat.setOutputPath(job, hfiles);
    return job;
  }

  /** Writes the HFiles and bulk-loads them; returns the number of cells loaded. */
  public static long load(Configuration conf, Connection connection, TableSpec table, String version, Path input,
      Path hfiles) throws IOException, InterruptedException {
    Job job = Jobs.run(createJob(conf, connection, table, version, input, hfiles));
    long cells = job.getCounters().findCounter(TaskCounter.MAP_OUTPUT_RECORDS).getValue();
    if (cells == 0) {
      throw new JobFailedException(NAME + ": no lists under " + input + " for " + table.name());
    }
    HFiles.bulkLoad(job.getConfiguration(), table, hfiles);
    return cells;
  }

  @Option(names = "--table", required = true, description = "The table loaded: a list table of the schema.")
  private String tableName;
  @Option(names = "--version", required = true, description = "The model version the lists are stored under.")
  private String version;
  @Option(names = "--input", required = true, description = "Ranked lists, output of a list job.")
  private Path input;
  @Option(names = "--hfiles", required = true, description = "Where the HFiles are written before the bulk load.")
  private Path hfiles;

  @Override
  protected int execute() throws Exception {
    TableSpec table = tableOf(tableName);
    Configuration conf = Jobs.withHBase(getConf());
    try (Connection connection = ConnectionFactory.createConnection(conf)) {
      long cells = load(conf, connection, table, version, input, hfiles);
      System.out.println(NAME + ": loaded " + cells + " rows into " + table.name() + " under version " + version);
    }
    return 0;
  }
}
