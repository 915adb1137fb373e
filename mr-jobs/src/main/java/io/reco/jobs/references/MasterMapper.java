package io.reco.jobs.references;

import io.reco.jobs.common.HeldOutput;
import io.reco.jobs.common.RawFileVerdicts;
import io.reco.jobs.common.RawLine;
import io.reco.jobs.common.TaggedKey;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Mapper;
import org.apache.hadoop.mapreduce.lib.output.MultipleOutputs;

/**
 * Emits each master row's id with {@code M1} (active), {@code M0} (inactive) or {@code MX} (erased), once the
 * snapshot file's verdict says it matches its manifest; a file that disagrees emits nothing and is counted, and its
 * verdict is written to {@code files/} either way.
 */
public final class MasterMapper extends Mapper<RawLine, Text, TaggedKey, Text> {
  private final TaggedKey key = new TaggedKey();
  private final Text value = new Text();
  private final HeldOutput held = new HeldOutput();
  private Reference reference;
  private MultipleOutputs<TaggedKey, Text> outputs;

  @Override
  protected void setup(Context context) {
    reference = ReferencesJob.reference(context.getConfiguration());
    outputs = new MultipleOutputs<>(context);
  }

  @Override
  protected void map(RawLine line, Text row, Context context) throws IOException, InterruptedException {
    if (line.isEnd()) {
      end(line, context);
      return;
    }
    MasterRow master = MasterRow.parse(reference, row.toString());
    value.set(master.erased() ? "MX" : master.active() ? "M1" : "M0");
    key.set(master.id(), ReferencesJob.MASTER);
    held.begin((byte) 0, 0);
    DataOutputStream out = new DataOutputStream(held.stream());
    key.write(out);
    value.write(out);
    held.end();
  }

  private void end(RawLine end, Context context) throws IOException, InterruptedException {
    long rows = held.size();
    if (end.problem() == null) {
      held.release((tag, ignored, bytes, offset, length) -> {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, offset, length));
        key.readFields(in);
        value.readFields(in);
        context.write(key, value);
      });
      context.getCounter(ReferencesCounters.MASTER_ROWS).increment(rows);
    } else {
      held.discard();
      context.getCounter(ReferencesCounters.MASTER_FILES_REJECTED).increment(1);
    }
    outputs.write(ReferencesJob.FILES, NullWritable.get(), new Text(RawFileVerdicts.toJson(end, rows, 0)),
        ReferencesJob.FILES + "/part");
  }

  @Override
  protected void cleanup(Context context) throws IOException, InterruptedException {
    outputs.close();
    held.close();
  }
}
