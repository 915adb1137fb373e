package io.reco.ingest.importers;

import io.reco.records.EventRules;
import io.reco.records.InvalidRecordException;
import io.reco.records.RejectReason;
import io.reco.records.avro.EventType;
import io.reco.records.avro.InteractionEvent;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Maps rows of the UCI Online Retail CSV. A row is one invoice line: invoices whose number starts with {@code C} are
 * cancellations (negative quantity) and never become purchases; other lines become {@code purchase} events of the
 * customer with quantity, unit price and the invoice as order and session. Lines without CustomerID cannot be
 * attributed to a user and are rejected, and so are service lines (postage, carriage, manual adjustments,
 * discounts, bank charges, fees), which are not products and must not be recommended. InvoiceDate is the shop's
 * local time and is converted from Europe/London to UTC.
 */
public final class OnlineRetailRows {
  /** The header of the transactions file. */
  public static final List<String> HEADER = List.of("InvoiceNo", "StockCode", "Description", "Quantity",
      "InvoiceDate", "UnitPrice", "CustomerID", "Country");

  /** The shop's time zone: the UCI description places it in the UK. */
  public static final ZoneId SHOP_ZONE = ZoneId.of("Europe/London");

  /** Prices are in pounds sterling, per the UCI description. */
  public static final String CURRENCY = "GBP";

  /** Stock codes that bill a service, not a product, with what they are. */
  public static final Map<String, String> SERVICE_CODES = Map.ofEntries(
      Map.entry("POST", "postage"), Map.entry("DOT", "dotcom postage"), Map.entry("C2", "carriage"),
      Map.entry("M", "manual adjustment"), Map.entry("D", "discount"), Map.entry("S", "samples"),
      Map.entry("B", "bad debt adjustment"), Map.entry("BANK CHARGES", "bank charges"),
      Map.entry("AMAZONFEE", "Amazon fee"), Map.entry("CRUK", "CRUK commission"), Map.entry("PADS", "cushion pads"));

  private static final Pattern INVOICE = Pattern.compile("C?[0-9]+");
  private static final DateTimeFormatter ISO =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm[:ss]").withResolverStyle(ResolverStyle.STRICT);
  private static final DateTimeFormatter EXCEL =
      DateTimeFormatter.ofPattern("M/d/uuuu H:mm[:ss]").withResolverStyle(ResolverStyle.STRICT);

  /**
   * One valid invoice line.
   *
   * @param invoice the invoice number as delivered, {@code C} prefix included
   * @param cancellation whether the invoice is a cancellation
   * @param stockCode the product
   * @param description the product's description, or null
   * @param quantity the quantity as delivered: positive for purchases, negative for cancellations
   * @param time invoice time, UTC epoch ms
   * @param unitPrice the unit price in {@link #CURRENCY}
   * @param customerId the customer, without the {@code .0} the source's float column adds
   * @param country the customer's country, or null
   */
  public record Line(String invoice, boolean cancellation, String stockCode, String description, int quantity,
      long time, double unitPrice, String customerId, String country) {
  }

  private final EventRules.Window times;

  /** A mapper accepting invoice times in {@code times}. */
  public OnlineRetailRows(EventRules.Window times) {
    this.times = times;
  }

  /** Validates one row: columns in order, then the rules of a purchase or a cancellation. */
  public Line parse(List<String> values) throws InvalidRecordException {
    Fields f = Fields.of(HEADER, values);
    String invoice = f.id("InvoiceNo");
    if (!INVOICE.matcher(invoice).matches()) {
      throw new InvalidRecordException(RejectReason.INVALID_VALUE, "InvoiceNo", "InvoiceNo '"
          + Fields.shorten(invoice) + "' is neither an invoice (digits) nor a cancellation (C and digits)");
    }
    String stockCode = f.id("StockCode");
    String description = f.optional("Description");
    int quantity = f.intValue("Quantity");
    long time = time(f.required("InvoiceDate"));
    double unitPrice = f.nonNegative("UnitPrice");
    String customerId = customer(f);
    String country = f.optional("Country");

    String service = SERVICE_CODES.get(stockCode.toUpperCase(Locale.ROOT));
    if (service != null) {
      throw new InvalidRecordException(RejectReason.INVALID_VALUE, "StockCode",
          "StockCode '" + stockCode + "' is a service line (" + service + "), not a product");
    }
    boolean cancellation = invoice.startsWith("C");
    if (cancellation && quantity >= 0) {
      throw new InvalidRecordException(RejectReason.INVALID_VALUE, "Quantity",
          "cancellation " + invoice + " must have a negative Quantity, has " + quantity);
    }
    if (!cancellation && quantity <= 0) {
      throw new InvalidRecordException(RejectReason.INVALID_VALUE, "Quantity",
          "invoice " + invoice + " must have a positive Quantity, has " + quantity);
    }
    return new Line(invoice, cancellation, stockCode, description, quantity, time, unitPrice, customerId, country);
  }

  private long time(String text) throws InvalidRecordException {
    LocalDateTime local;
    try {
      local = LocalDateTime.parse(text, text.contains("/") ? EXCEL : ISO);
    } catch (DateTimeParseException e) {
      throw new InvalidRecordException(RejectReason.INVALID_TIMESTAMP, "InvoiceDate",
          "field 'InvoiceDate' must look like '2010-12-01 08:26:00', was '" + Fields.shorten(text) + "'");
    }
    return times.checkTime("InvoiceDate", local.atZone(SHOP_ZONE).toInstant().toEpochMilli(), text);
  }

  private static String customer(Fields f) throws InvalidRecordException {
    String text = f.optional("CustomerID");
    if (text == null) {
      throw new InvalidRecordException(RejectReason.MISSING_FIELD, "CustomerID",
          "CustomerID is empty: the line cannot be attributed to a user");
    }
    // the source column is a float: 17850.0
    String digits = text.endsWith(".0") ? text.substring(0, text.length() - 2) : text;
    if (!Fields.isInteger(digits) || digits.startsWith("-")) {
      throw Fields.wrongType("CustomerID", "a customer number such as 17850 or 17850.0", text);
    }
    return digits;
  }

  /** The purchase event of a line that is not a cancellation; the invoice is its order and its session. */
  public static InteractionEvent toPurchase(Line line, String eventId) {
    if (line.cancellation()) {
      throw new IllegalArgumentException("cancellation " + line.invoice() + " is not a purchase");
    }
    return InteractionEvent.newBuilder()
        .setEventId(eventId)
        .setUserId(line.customerId())
        .setProductId(line.stockCode())
        .setEventType(EventType.purchase)
        .setTimestamp(line.time())
        .setSessionId(sessionId(line.invoice()))
        .setPrice(line.unitPrice())
        .setQuantity(line.quantity())
        .setOrderId(line.invoice())
        .setMetadata(line.country() == null ? Map.of() : Map.of("country", line.country()))
        .build();
  }

  /** The session of every line of an invoice: one visit, one basket. */
  public static String sessionId(String invoice) {
    return "online-retail:" + invoice;
  }

  /** What a line tells about its product: description as name, unit price (purchases and cancellations alike). */
  public static void addTo(CatalogBuilder catalog, Line line) {
    catalog.seen(line.stockCode(), line.time());
    if (line.description() != null) {
      catalog.name(line.stockCode(), line.time(), line.description());
    }
    catalog.price(line.stockCode(), line.time(), line.unitPrice());
  }
}
