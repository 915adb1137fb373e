package io.reco.jobs.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.reco.records.avro.EventType;
import io.reco.records.avro.InteractionEvent;
import java.util.List;
import org.apache.avro.hadoop.io.AvroSerialization;
import org.apache.avro.mapred.AvroKey;
import org.apache.avro.mapred.AvroValue;
import org.apache.avro.mapreduce.AvroJob;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mrunit.mapreduce.MapDriver;
import org.apache.hadoop.mrunit.types.Pair;
import org.junit.jupiter.api.Test;

/** MRUnit: clean's mapper keys each event by its user, so one reducer sees a user's whole timeline. */
class CleanMapperTest {
  private static InteractionEvent event(String id, String user) {
    return InteractionEvent.newBuilder().setEventId(id).setUserId(user).setProductId("p1")
        .setEventType(EventType.view).setTimestamp(1_000L).setSessionId("s").build();
  }

  @Test
  void eventsAreKeyedByTheirUserAndCounted() throws Exception {
    Job job = Job.getInstance(new Configuration());
    AvroJob.setInputKeySchema(job, InteractionEvent.getClassSchema());
    AvroJob.setMapOutputValueSchema(job, InteractionEvent.getClassSchema());
    Configuration conf = job.getConfiguration();
    conf.setStrings("io.serializations", conf.get("io.serializations"), AvroSerialization.class.getName());
    // MRUnit copies inputs and outputs through their serialization: Avro's needs the writer schemas
    AvroSerialization.setKeyWriterSchema(conf, InteractionEvent.getClassSchema());
    AvroSerialization.setKeyReaderSchema(conf, InteractionEvent.getClassSchema());
    AvroSerialization.setValueWriterSchema(conf, InteractionEvent.getClassSchema());
    AvroSerialization.setValueReaderSchema(conf, InteractionEvent.getClassSchema());
    MapDriver<AvroKey<InteractionEvent>, NullWritable, Text, AvroValue<InteractionEvent>> driver =
        MapDriver.newMapDriver(new CleanMapper()).withConfiguration(conf);
    InteractionEvent a = event("e1", "u1");
    InteractionEvent b = event("e2", "u2");
    List<Pair<Text, AvroValue<InteractionEvent>>> out = driver
        .withInput(new AvroKey<>(a), NullWritable.get())
        .withInput(new AvroKey<>(b), NullWritable.get())
        .run();
    assertEquals(List.of("u1", "u2"), out.stream().map(p -> p.getFirst().toString()).toList());
    assertEquals(List.of(a, b), out.stream().map(p -> p.getSecond().datum()).toList());
    assertEquals(2, driver.getCounters().findCounter(CleanCounters.EVENTS_READ).getValue());
  }
}
