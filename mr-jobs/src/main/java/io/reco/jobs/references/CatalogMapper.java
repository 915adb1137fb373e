package io.reco.jobs.references;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Mapper;

/** Emits each catalog row's product id with {@code C1} (active) or {@code C0} (inactive). */
public final class CatalogMapper extends Mapper<LongWritable, Text, ProductKey, Text> {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final ProductKey key = new ProductKey();
  private final Text value = new Text();

  @Override
  protected void map(LongWritable offset, Text line, Context context) throws IOException, InterruptedException {
    JsonNode product = JSON.readTree(line.toString());
    context.getCounter(ReferencesCounters.CATALOG_ROWS).increment(1);
    value.set(product.path("is_active").asBoolean(true) ? "C1" : "C0");
    context.write(key.set(product.get("product_id").asText(), ProductKey.CATALOG), value);
  }
}
