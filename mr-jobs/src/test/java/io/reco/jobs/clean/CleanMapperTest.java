package io.reco.jobs.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.reco.jobs.common.TaggedKey;
import io.reco.records.avro.EventType;
import io.reco.records.avro.InteractionEvent;
import java.util.List;
import org.apache.avro.hadoop.io.AvroSerialization;
import org.apache.avro.mapred.AvroKey;
import org.apache.avro.mapred.AvroValue;
import org.apache.avro.mapreduce.AvroJob;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.BytesWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mrunit.mapreduce.MapDriver;
import org.apache.hadoop.mrunit.types.Pair;
import org.junit.jupiter.api.Test;

/** MRUnit: what each pass of clean shuffles, so a reducer sees a user's events in the order its rules need. */
class CleanMapperTest {
  private static InteractionEvent event(String id, String user, EventType type, long time) {
    return InteractionEvent.newBuilder().setEventId(id).setUserId(user).setProductId("p1").setEventType(type)
        .setTimestamp(time).setSessionId("s").build();
  }

  /** MRUnit copies inputs and outputs through their serialization: Avro's needs the writer schemas. */
  private static Configuration avro() throws Exception {
    Job job = Job.getInstance(new Configuration());
    AvroJob.setInputKeySchema(job, InteractionEvent.getClassSchema());
    AvroJob.setMapOutputValueSchema(job, InteractionEvent.getClassSchema());
    Configuration conf = job.getConfiguration();
    conf.setStrings("io.serializations", conf.get("io.serializations"), AvroSerialization.class.getName());
    AvroSerialization.setKeyWriterSchema(conf, InteractionEvent.getClassSchema());
    AvroSerialization.setKeyReaderSchema(conf, InteractionEvent.getClassSchema());
    AvroSerialization.setValueWriterSchema(conf, InteractionEvent.getClassSchema());
    AvroSerialization.setValueReaderSchema(conf, InteractionEvent.getClassSchema());
    return conf;
  }

  @Test
  void theFirstPassKeysEventsByEventIdInUserOrderAndCountsThem() throws Exception {
    MapDriver<AvroKey<InteractionEvent>, NullWritable, TaggedKey, AvroValue<InteractionEvent>> driver =
        MapDriver.newMapDriver(new EventIdMapper()).withConfiguration(avro());
    InteractionEvent a = event("e1", "u1", EventType.view, 1_000L);
    InteractionEvent b = event("e2", "u2", EventType.click, 2_000L);
    List<Pair<TaggedKey, AvroValue<InteractionEvent>>> out = driver
        .withInput(new AvroKey<>(a), NullWritable.get())
        .withInput(new AvroKey<>(b), NullWritable.get())
        .run();
    assertEquals(List.of(new TaggedKey().set("e1", CleanJob.EVENT).thenBy("u1"),
        new TaggedKey().set("e2", CleanJob.EVENT).thenBy("u2")), out.stream().map(Pair::getFirst).toList());
    assertEquals(List.of(a, b), out.stream().map(p -> p.getSecond().datum()).toList());
    assertEquals(2, driver.getCounters().findCounter(CleanCounters.EVENTS_READ).getValue());
  }

  @Test
  void theSecondPassEmitsTheTimeOfEachEventAheadOfTheEventInTimeOrder() throws Exception {
    InteractionEvent view = event("e1", "u1", EventType.view, 1_000L);
    InteractionEvent click = event("e2", "u1", EventType.click, 2_000L);
    List<Pair<TaggedKey, BytesWritable>> out =
        MapDriver.<AvroKey<InteractionEvent>, NullWritable, TaggedKey, BytesWritable>newMapDriver(new TimelineMapper())
            .withConfiguration(avro())
            .withInput(new AvroKey<>(view), NullWritable.get())
            .withInput(new AvroKey<>(click), NullWritable.get())
            .run();
    assertEquals(List.of(new TaggedKey().set("u1", CleanJob.TIME).thenBy(1_000L),
        new TaggedKey().set("u1", CleanJob.EVENT).thenBy(1_000L).thenBy("e1"),
        new TaggedKey().set("u1", CleanJob.TIME).thenBy(2_000L),
        new TaggedKey().set("u1", CleanJob.EVENT).thenBy(2_000L).thenBy("e2")),
        out.stream().map(Pair::getFirst).toList());
    TimelineValue values = new TimelineValue();
    assertEquals(TimelineValue.VIEW, TimelineValue.kind(out.get(0).getSecond()));
    assertEquals(1_000L, TimelineValue.timeOf(out.get(0).getSecond()));
    assertEquals(TimelineValue.TIME, TimelineValue.kind(out.get(2).getSecond()), "a click is not a view");
    assertEquals(2_000L, TimelineValue.timeOf(out.get(2).getSecond()));
    assertEquals(view, values.eventOf(out.get(1).getSecond()));
    assertEquals(click, values.eventOf(out.get(3).getSecond()));
  }
}
