package io.reco.jobs.orders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reco.records.RejectReason;
import io.reco.records.avro.Order;
import io.reco.records.avro.OrderItem;
import io.reco.records.avro.OrderStatus;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Counters;
import org.apache.hadoop.mrunit.mapreduce.ReduceDriver;
import org.junit.jupiter.api.Test;

/** MRUnit tests of the reducer that joins an order's rows: items sorted, duplicates out, orphan items quarantined. */
class OrdersReducerTest {
  private static final long AT = Instant.parse("2026-11-20T23:30:00Z").toEpochMilli();
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What the reducer wrote, instead of the job's named outputs. */
  private static final class Recorded implements OrdersReducer.Sink {
    final List<Order> silver = new ArrayList<>();
    final List<LocalDate> dates = new ArrayList<>();
    final List<JsonNode> duplicates = new ArrayList<>();
    final List<JsonNode> quarantine = new ArrayList<>();
    boolean closed;

    @Override
    public void silver(Order order, LocalDate date) {
      silver.add(order);
      dates.add(date);
    }

    @Override
    public void duplicate(String json) throws IOException {
      duplicates.add(JSON.readTree(json));
    }

    @Override
    public void quarantine(String json) throws IOException {
      quarantine.add(JSON.readTree(json));
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  private static OrderPart order(String id, String customer, String line) {
    Order order = Order.newBuilder().setOrderId(id).setCustomerId(customer).setOrderedAt(AT)
        .setStatus(OrderStatus.placed).setItems(new ArrayList<>()).build();
    return new OrderPart().set(order, "orders.csv:" + line.length(), line);
  }

  private static OrderPart item(String id, int number, String product, String line) {
    return new OrderPart().set(new OrderItem(id, number, product, 1, 2.5), "items.csv:" + line.length(), line);
  }

  private static Counters run(Recorded out, Text key, List<OrderPart> parts) throws IOException {
    ReduceDriver<Text, OrderPart, NullWritable, NullWritable> driver =
        ReduceDriver.newReduceDriver(new OrdersReducer(context -> out));
    assertEquals(0, driver.withInput(key, parts).run().size(), "no main output");
    assertTrue(out.closed);
    return driver.getCounters();
  }

  @Test
  void anOrderGetsItsItemsSortedByLineNumberAndLosesItsDuplicateLine() throws IOException {
    Recorded out = new Recorded();
    Counters counters = run(out, new Text("o1"), List.of(
        item("o1", 3, "p3", "o1,3,p3"),
        item("o1", 1, "p9", "o1,1,p9"),
        order("o1", "c1", "o1,c1"),
        item("o1", 1, "p1", "o1,1,p1"),
        item("o1", 2, "p2", "o1,2,p2")));

    assertEquals(1, out.silver.size());
    Order order = out.silver.get(0);
    assertEquals("o1", order.getOrderId());
    assertEquals("c1", order.getCustomerId());
    assertEquals(List.of(1, 2, 3), order.getItems().stream().map(OrderItem::getLineNumber).toList());
    assertEquals(List.of("p1", "p2", "p3"), order.getItems().stream().map(OrderItem::getProductId).toList(),
        "of two lines 1, the smaller raw line is kept");
    assertEquals(List.of(LocalDate.of(2026, 11, 20)), out.dates, "the UTC date of ordered_at");

    assertEquals(1, out.duplicates.size());
    JsonNode duplicate = out.duplicates.get(0);
    assertEquals("DUPLICATE_ID", duplicate.get("reason").asText());
    assertEquals("line_number", duplicate.get("field").asText());
    assertEquals("o1,1,p9", duplicate.get("record").asText());
    assertEquals("items.csv:7", duplicate.get("source").asText());
    assertEquals(List.of(), out.quarantine);

    assertEquals(1, counters.findCounter(OrdersCounters.ORDERS_CLEAN).getValue());
    assertEquals(3, counters.findCounter(OrdersCounters.ITEMS_CLEAN).getValue());
    assertEquals(1, counters.findCounter(OrdersCounters.DUPLICATES).getValue());
    assertEquals(0, counters.findCounter(OrdersCounters.ROWS_QUARANTINED).getValue());
    assertEquals(0, counters.findCounter(OrdersCounters.ORDERS_WITHOUT_ITEMS).getValue());
  }

  @Test
  void itemsWithoutAnOrderRowAreQuarantinedAsUnknownReferences() throws IOException {
    Recorded out = new Recorded();
    Counters counters = run(out, new Text("o9"), List.of(item("o9", 1, "p1", "o9,1,p1"),
        item("o9", 1, "p2", "o9,1,p2")));

    assertEquals(List.of(), out.silver);
    assertEquals(List.of(), out.duplicates);
    assertEquals(2, out.quarantine.size());
    for (JsonNode q : out.quarantine) {
      assertEquals("UNKNOWN_REFERENCE", q.get("reason").asText());
      assertEquals("order_id", q.get("field").asText());
      assertTrue(q.get("message").asText().startsWith("order_id 'o9' has no valid order row"), q.toString());
    }
    assertEquals(List.of("o9,1,p1", "o9,1,p2"), out.quarantine.stream().map(q -> q.get("record").asText()).toList());
    assertEquals(2, counters.findCounter(OrdersCounters.ROWS_QUARANTINED).getValue());
    assertEquals(2, counters.findCounter(RejectReason.UNKNOWN_REFERENCE).getValue());
    assertEquals(0, counters.findCounter(OrdersCounters.ORDERS_CLEAN).getValue());
  }

  @Test
  void ofTwoOrderRowsTheSmallerLineIsKeptWhicheverArrivesFirst() throws IOException {
    for (List<OrderPart> parts : List.of(List.of(order("o2", "c2", "o2,c2"), order("o2", "c8", "o2,c8")),
        List.of(order("o2", "c8", "o2,c8"), order("o2", "c2", "o2,c2")))) {
      Recorded out = new Recorded();
      Counters counters = run(out, new Text("o2"), parts);
      assertEquals("c2", out.silver.get(0).getCustomerId());
      assertEquals(List.of(), out.silver.get(0).getItems());
      assertEquals(1, out.duplicates.size());
      assertEquals("order_id", out.duplicates.get(0).get("field").asText());
      assertEquals("o2,c8", out.duplicates.get(0).get("record").asText());
      assertEquals(1, counters.findCounter(OrdersCounters.ORDERS_WITHOUT_ITEMS).getValue());
      assertEquals(1, counters.findCounter(OrdersCounters.DUPLICATES).getValue());
      assertEquals(0, counters.findCounter(RejectReason.DUPLICATE_ID).getValue(),
          "duplicates are not quarantine reasons");
    }
  }
}
