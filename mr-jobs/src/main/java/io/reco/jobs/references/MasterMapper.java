package io.reco.jobs.references;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reco.jobs.common.TaggedKey;
import java.io.IOException;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Mapper;

/** Emits each master row's id with {@code M1} (active) or {@code M0} (inactive). */
public final class MasterMapper extends Mapper<LongWritable, Text, TaggedKey, Text> {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final TaggedKey key = new TaggedKey();
  private final Text value = new Text();
  private Reference reference;

  @Override
  protected void setup(Context context) {
    reference = ReferencesJob.reference(context.getConfiguration());
  }

  @Override
  protected void map(LongWritable offset, Text line, Context context) throws IOException, InterruptedException {
    JsonNode row = JSON.readTree(line.toString());
    context.getCounter(ReferencesCounters.MASTER_ROWS).increment(1);
    boolean active = reference.activeField() == null || row.path(reference.activeField()).asBoolean(true);
    value.set(active ? "M1" : "M0");
    context.write(key.set(row.get(reference.masterField()).asText(), ReferencesJob.MASTER), value);
  }
}
