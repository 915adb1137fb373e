package io.reco.schema;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.hbase.NamespaceDescriptor;
import org.apache.hadoop.hbase.NamespaceNotFoundException;
import org.apache.hadoop.hbase.client.Admin;
import org.apache.hadoop.hbase.client.ColumnFamilyDescriptor;
import org.apache.hadoop.hbase.client.TableDescriptor;

/** Creates, converges and verifies the tables of {@link RecoTables} on a cluster; every call is idempotent. */
public final class SchemaAdmin {
  private final Admin admin;

  /** Works through an open admin; the caller owns it. */
  public SchemaAdmin(Admin admin) {
    this.admin = admin;
  }

  /** What a run found and did. */
  public record Report(List<String> created, List<String> altered, List<String> problems) {
    /** Whether the cluster matches the contract. */
    public boolean ok() {
      return problems.isEmpty();
    }
  }

  /** Creates the namespace and missing tables, and alters families that drifted from the contract. */
  public Report ensure() throws IOException {
    List<String> created = new ArrayList<>();
    List<String> altered = new ArrayList<>();
    try {
      admin.getNamespaceDescriptor(RecoTables.NAMESPACE);
    } catch (NamespaceNotFoundException e) {
      admin.createNamespace(NamespaceDescriptor.create(RecoTables.NAMESPACE).build());
      created.add("namespace " + RecoTables.NAMESPACE);
    }
    for (TableSpec table : RecoTables.ALL) {
      if (!admin.tableExists(table.tableName())) {
        byte[][] splits = table.splitKeys();
        if (splits.length == 0) {
          admin.createTable(table.descriptor());
        } else {
          admin.createTable(table.descriptor(), splits);
        }
        created.add(table.name());
        continue;
      }
      TableDescriptor actual = admin.getDescriptor(table.tableName());
      for (FamilySpec family : table.families()) {
        ColumnFamilyDescriptor current = actual.getColumnFamily(family.bytes());
        if (current == null) {
          admin.addColumnFamily(table.tableName(), family.descriptor());
          altered.add(table.name() + ": added family " + family.name());
        } else if (!differences(family, current).isEmpty()) {
          admin.modifyColumnFamily(table.tableName(), family.descriptor());
          altered.add(table.name() + ": " + family.name() + " " + differences(family, current));
        }
      }
    }
    return new Report(created, altered, verify().problems());
  }

  /** Compares the cluster with the contract without changing anything. */
  public Report verify() throws IOException {
    List<String> problems = new ArrayList<>();
    for (TableSpec table : RecoTables.ALL) {
      if (!admin.tableExists(table.tableName())) {
        problems.add(table.name() + ": missing");
        continue;
      }
      if (!admin.isTableEnabled(table.tableName())) {
        problems.add(table.name() + ": disabled");
      }
      TableDescriptor actual = admin.getDescriptor(table.tableName());
      for (FamilySpec family : table.families()) {
        ColumnFamilyDescriptor current = actual.getColumnFamily(family.bytes());
        if (current == null) {
          problems.add(table.name() + ": family " + family.name() + " missing");
        } else {
          differences(family, current).forEach(d -> problems.add(table.name() + ": " + family.name() + " " + d));
        }
      }
    }
    return new Report(List.of(), List.of(), problems);
  }

  /** The contract as text: one block per table. */
  public static String describe() {
    StringBuilder out = new StringBuilder();
    for (TableSpec table : RecoTables.ALL) {
      out.append(table.name()).append('\n')
          .append("  holds:   ").append(table.description()).append('\n')
          .append("  row key: ").append(table.rowKey()).append('\n')
          .append("  regions: ").append(table.regions()).append('\n');
      for (FamilySpec f : table.families()) {
        out.append("  family ").append(f.name())
            .append(": versions=").append(f.maxVersions())
            .append(" ttl=").append(f.ttlSeconds() == FamilySpec.NO_TTL ? "forever" : f.ttlSeconds() + "s")
            .append(" compression=").append(f.compression())
            .append(" encoding=").append(f.encoding())
            .append(" bloom=").append(f.bloom()).append('\n');
      }
    }
    return out.toString();
  }

  private static List<String> differences(FamilySpec wanted, ColumnFamilyDescriptor actual) {
    List<String> out = new ArrayList<>();
    compare(out, "versions", wanted.maxVersions(), actual.getMaxVersions());
    compare(out, "ttl", wanted.ttlSeconds(), actual.getTimeToLive());
    compare(out, "compression", wanted.compression(), actual.getCompressionType());
    compare(out, "encoding", wanted.encoding(), actual.getDataBlockEncoding());
    compare(out, "bloom", wanted.bloom(), actual.getBloomFilterType());
    return out;
  }

  private static void compare(List<String> out, String what, Object wanted, Object actual) {
    if (!wanted.equals(actual)) {
      out.add(what + " is " + actual + ", contract says " + wanted);
    }
  }
}
