package io.reco.jobs.common;

import io.reco.records.raw.RawZone;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.TaskInputOutputContext;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;

/**
 * Writes a task's Avro records by UTC date into {@code <output>/<name>/dt=YYYY-MM-DD/part-<m|r>-NNNNN.avro}. Files
 * are created in the task's work directory, so they are committed (or dropped) with the task's other outputs, as
 * with MultipleOutputs; unlike AvroMultipleOutputs, a record costs no configuration lookups, only its encoding.
 * Compressed with deflate when the job asks for compressed output.
 *
 * @param <T> the record type
 */
public final class DatedAvroFiles<T> implements Closeable {
  private static final long DAY_MS = 86_400_000L;

  private final TaskInputOutputContext<?, ?, ?, ?> context;
  private final String name;
  private final Schema schema;
  private final Map<Long, DataFileWriter<T>> writers = new HashMap<>();
  private long lastDay = Long.MIN_VALUE;
  private DataFileWriter<T> last;

  /** Files of records of {@code schema} under {@code <output>/<name>/}, or the output itself when name is empty. */
  public DatedAvroFiles(TaskInputOutputContext<?, ?, ?, ?> context, String name, Schema schema) {
    this.context = context;
    this.name = name;
    this.schema = schema;
  }

  /** Appends {@code record} to the file of the UTC date of {@code epochMillis}. */
  public void write(T record, long epochMillis) throws IOException, InterruptedException {
    writerOf(Math.floorDiv(epochMillis, DAY_MS)).append(record);
  }

  /** Appends a record already encoded in Avro binary to the file of {@code epochDay}. */
  public void writeEncoded(byte[] bytes, int offset, int length, long epochDay)
      throws IOException, InterruptedException {
    writerOf(epochDay).appendEncoded(ByteBuffer.wrap(bytes, offset, length));
  }

  /** The day of {@code epochMillis}, as {@link #writeEncoded} takes it. */
  public static long dayOf(long epochMillis) {
    return Math.floorDiv(epochMillis, DAY_MS);
  }

  private DataFileWriter<T> writerOf(long day) throws IOException, InterruptedException {
    if (day != lastDay) {
      DataFileWriter<T> writer = writers.get(day);
      if (writer == null) {
        writer = open(LocalDate.ofEpochDay(day));
        writers.put(day, writer);
      }
      lastDay = day;
      last = writer;
    }
    return last;
  }

  private DataFileWriter<T> open(LocalDate date) throws IOException, InterruptedException {
    Path work = FileOutputFormat.getWorkOutputPath(context);
    Path dir = RawZone.datePartition(name.isEmpty() ? work : new Path(work, name), date);
    Path file = new Path(dir, FileOutputFormat.getUniqueFile(context, "part", ".avro"));
    DataFileWriter<T> writer = new DataFileWriter<>(new SpecificDatumWriter<T>(schema));
    if (FileOutputFormat.getCompressOutput(context)) {
      writer.setCodec(CodecFactory.deflateCodec(CodecFactory.DEFAULT_DEFLATE_LEVEL));
    }
    return writer.create(schema, file.getFileSystem(context.getConfiguration()).create(file, false));
  }

  @Override
  public void close() throws IOException {
    IOException failure = null;
    for (DataFileWriter<T> writer : writers.values()) {
      try {
        writer.close();
      } catch (IOException e) {
        failure = failure == null ? e : failure;
      }
    }
    writers.clear();
    if (failure != null) {
      throw failure;
    }
  }
}
