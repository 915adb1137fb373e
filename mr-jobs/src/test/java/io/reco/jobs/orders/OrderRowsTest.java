package io.reco.jobs.orders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reco.records.EventRules;
import io.reco.records.InvalidRecordException;
import io.reco.records.RejectReason;
import io.reco.records.avro.Order;
import io.reco.records.avro.OrderItem;
import io.reco.records.avro.OrderStatus;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The row checks of the orders job: good rows normalised, every broken kind named by its reason and field. */
class OrderRowsTest {
  private static final List<String> ORDERS = List.of("order_id", "customer_id", "ordered_at", "status", "currency",
      "country");
  private static final List<String> ITEMS = List.of("order_id", "line_number", "product_id", "quantity",
      "unit_price", "ordered_at");
  private static final long EARLIEST = Instant.parse("2000-01-01T00:00:00Z").toEpochMilli();
  private static final long LATEST = Instant.parse("2026-11-21T13:00:00Z").toEpochMilli();
  private static final OrderRows RULES = new OrderRows(EARLIEST, LATEST);

  @Test
  void anOrderRowIsTrimmedItsStatusLowerCasedAndEmptyOptionalsNull() throws Exception {
    Order order = RULES.order(ORDERS, OrderRows.split(" o1 ,,2026-11-20 10:00:00, Cancelled ,EUR,  "));
    assertEquals("o1", order.getOrderId());
    assertNull(order.getCustomerId());
    assertEquals(Instant.parse("2026-11-20T10:00:00Z").toEpochMilli(), order.getOrderedAt());
    assertEquals(OrderStatus.cancelled, order.getStatus());
    assertEquals("EUR", order.getCurrency());
    assertNull(order.getCountry());
    assertEquals(List.of(), order.getItems());
  }

  @Test
  void optionalColumnsMayBeAbsentAndColumnsComeInAnyOrder() throws Exception {
    Order order = RULES.order(List.of("status", "ordered_at", "order_id", "customer_id"),
        OrderRows.split("RETURNED,2026-11-20T10:00:00+01:00,o2,c2"));
    assertEquals("o2", order.getOrderId());
    assertEquals("c2", order.getCustomerId());
    assertEquals(OrderStatus.returned, order.getStatus());
    assertEquals(Instant.parse("2026-11-20T09:00:00Z").toEpochMilli(), order.getOrderedAt());
    assertNull(order.getCurrency());
  }

  @Test
  void anItemRowIsTyped() throws Exception {
    OrderItem item = RULES.item(ITEMS, OrderRows.split("o1, 2 ,\"p,1\",3,\" 19.90 \",1763632800000"));
    assertEquals(new OrderItem("o1", 2, "p,1", 3, 19.9), item);
    assertEquals(0.0, RULES.item(ITEMS, OrderRows.split("o1,1,p1,1,-0,1763632800000")).getUnitPrice());
    assertTrue(1 / RULES.item(ITEMS, OrderRows.split("o1,1,p1,1,-0.00,1763632800000")).getUnitPrice() > 0,
        "a price of -0 is stored as 0");
  }

  static Stream<Arguments> brokenOrders() {
    return Stream.of(
        Arguments.of(",c1,2026-11-20T10:00:00Z,placed,EUR,DE", RejectReason.MISSING_FIELD, "order_id"),
        Arguments.of("o1,c1,,placed,EUR,DE", RejectReason.MISSING_FIELD, "ordered_at"),
        Arguments.of("o1,c1,20/11/2026,placed,EUR,DE", RejectReason.INVALID_TIMESTAMP, "ordered_at"),
        Arguments.of("o1,c1,1999-12-31T23:59:59Z,placed,EUR,DE", RejectReason.INVALID_TIMESTAMP, "ordered_at"),
        Arguments.of("o1,c1,2026-11-21T13:00:01Z,placed,EUR,DE", RejectReason.INVALID_TIMESTAMP, "ordered_at"),
        Arguments.of("o1,c1,2026-11-20T10:00:00Z,,EUR,DE", RejectReason.MISSING_FIELD, "status"),
        Arguments.of("o1,c1,2026-11-20T10:00:00Z,shipped,EUR,DE", RejectReason.INVALID_VALUE, "status"),
        Arguments.of("o1,c1,2026-11-20T10:00:00Z,placed,EUR", RejectReason.WRONG_COLUMN_COUNT, null),
        Arguments.of("", RejectReason.WRONG_COLUMN_COUNT, null),
        Arguments.of("o1,\"c1,2026-11-20T10:00:00Z,placed,EUR,DE", RejectReason.WRONG_COLUMN_COUNT, null));
  }

  @ParameterizedTest
  @MethodSource("brokenOrders")
  void aBrokenOrderRowNamesItsReasonAndField(String line, RejectReason reason, String field) {
    InvalidRecordException e = assertThrows(InvalidRecordException.class,
        () -> RULES.order(ORDERS, OrderRows.split(line)));
    assertEquals(reason, e.reason(), e.getMessage());
    assertEquals(field, e.field(), e.getMessage());
  }

  static Stream<Arguments> brokenItems() {
    return Stream.of(
        Arguments.of(" ,1,p1,1,1.00,2026-11-20T10:00:00Z", RejectReason.MISSING_FIELD, "order_id"),
        Arguments.of("o1,1,p1,1,1.00,yesterday", RejectReason.INVALID_TIMESTAMP, "ordered_at"),
        Arguments.of("o1,,p1,1,1.00,2026-11-20T10:00:00Z", RejectReason.MISSING_FIELD, "line_number"),
        Arguments.of("o1,x,p1,1,1.00,2026-11-20T10:00:00Z", RejectReason.WRONG_TYPE, "line_number"),
        Arguments.of("o1,0,p1,1,1.00,2026-11-20T10:00:00Z", RejectReason.INVALID_VALUE, "line_number"),
        Arguments.of("o1,1, ,1,1.00,2026-11-20T10:00:00Z", RejectReason.MISSING_FIELD, "product_id"),
        Arguments.of("o1,1,p1,0,1.00,2026-11-20T10:00:00Z", RejectReason.INVALID_VALUE, "quantity"),
        Arguments.of("o1,1,p1,-2,1.00,2026-11-20T10:00:00Z", RejectReason.INVALID_VALUE, "quantity"),
        Arguments.of("o1,1,p1,1.5,1.00,2026-11-20T10:00:00Z", RejectReason.WRONG_TYPE, "quantity"),
        Arguments.of("o1,1,p1,1,,2026-11-20T10:00:00Z", RejectReason.MISSING_FIELD, "unit_price"),
        Arguments.of("o1,1,p1,1,-0.01,2026-11-20T10:00:00Z", RejectReason.INVALID_VALUE, "unit_price"),
        Arguments.of("o1,1,p1,1,abc,2026-11-20T10:00:00Z", RejectReason.WRONG_TYPE, "unit_price"),
        Arguments.of("o1,1,p1,1,NaN,2026-11-20T10:00:00Z", RejectReason.WRONG_TYPE, "unit_price"),
        Arguments.of("o1,1,p1,1,Infinity,2026-11-20T10:00:00Z", RejectReason.WRONG_TYPE, "unit_price"),
        Arguments.of("o1,1,p1,1,1e999,2026-11-20T10:00:00Z", RejectReason.INVALID_VALUE, "unit_price"),
        Arguments.of("o1,1,p1,1,1.00", RejectReason.WRONG_COLUMN_COUNT, null));
  }

  @ParameterizedTest
  @MethodSource("brokenItems")
  void aBrokenItemRowNamesItsReasonAndField(String line, RejectReason reason, String field) {
    InvalidRecordException e = assertThrows(InvalidRecordException.class,
        () -> RULES.item(ITEMS, OrderRows.split(line)));
    assertEquals(reason, e.reason(), e.getMessage());
    assertEquals(field, e.field(), e.getMessage());
  }

  @Test
  void aChangeCaptureRowNamesItsVersionAndADeliveredRowHasNone() throws Exception {
    List<String> header = new java.util.ArrayList<>(ORDERS);
    header.addAll(List.of("change_op", "change_position"));
    assertEquals(new OrderRows.Version(30, false), OrderRows.version(header,
        OrderRows.split("o1,c1,2026-11-20T10:00:00Z,returned,EUR,DE,u,30")));
    assertEquals(new OrderRows.Version(40, true), OrderRows.version(header,
        OrderRows.split("o1,c1,2026-11-20T10:00:00Z,placed,EUR,DE, d ,40")));
    assertEquals(OrderRows.Version.DELIVERED, OrderRows.version(ORDERS,
        OrderRows.split("o1,c1,2026-11-20T10:00:00Z,placed,EUR,DE")));
    InvalidRecordException position = assertThrows(InvalidRecordException.class, () -> OrderRows.version(header,
        OrderRows.split("o1,c1,2026-11-20T10:00:00Z,placed,EUR,DE,u,-3")));
    assertEquals("change_position", position.field());
    InvalidRecordException op = assertThrows(InvalidRecordException.class, () -> OrderRows.version(header,
        OrderRows.split("o1,c1,2026-11-20T10:00:00Z,placed,EUR,DE,x,3")));
    assertEquals("change_op 'x' is not c, u, r or d", op.getMessage());
  }

  @Test
  void messagesSayWhatIsWrong() {
    InvalidRecordException status = assertThrows(InvalidRecordException.class,
        () -> RULES.order(ORDERS, OrderRows.split("o1,c1,2026-11-20T10:00:00Z,Lost,EUR,DE")));
    assertEquals("status 'lost' is not placed, cancelled or returned", status.getMessage());
    InvalidRecordException price = assertThrows(InvalidRecordException.class,
        () -> RULES.item(ITEMS, OrderRows.split("o1,1,p1,1,-3.00,2026-11-20T10:00:00Z")));
    assertEquals("unit_price -3.00 is negative", price.getMessage());
  }

  @Test
  void jobSettingsBecomeTheTimeWindow() {
    org.apache.hadoop.conf.Configuration conf = new org.apache.hadoop.conf.Configuration(false);
    conf.setLong(EventRules.NOW, LATEST);
    conf.set(EventRules.EARLIEST, "2020-01-01");
    assertEquals(new OrderRows(Instant.parse("2020-01-01T00:00:00Z").toEpochMilli(), LATEST + 3_600_000L),
        OrdersJob.rows(conf));
    conf.set(EventRules.EARLIEST, "January");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OrdersJob.rows(conf));
    assertEquals("reco.events.earliest must be a date YYYY-MM-DD, was 'January'", e.getMessage());
  }
}
