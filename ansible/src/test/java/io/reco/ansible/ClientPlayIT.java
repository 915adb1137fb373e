package io.reco.ansible;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reco.hbase.StandaloneHBase;
import io.reco.schema.RecoTables;
import io.reco.schema.SchemaTool;
import io.reco.testing.SharedHBase;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FsShell;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Admin;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * site.yml's client play (hdfs_layout, hbase_tables, oozie_app) applied to this host against a real HDFS
 * (MiniDFSCluster) and the shared HBase. The operator's {@code hdfs dfs} is Hadoop's own FsShell and
 * {@code hadoop jar <jobs jar> schema} the jobs jar's SchemaTool, both from the test class path in a JVM of
 * their own, as the commands run them.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClientPlayIT {
  private static final Pattern RECAP = Pattern.compile("localhost\\s*:\\s*ok=\\d+\\s+changed=(\\d+)\\s+"
      + "unreachable=0\\s+failed=(\\d+)");
  private static final TableName DROPPED = RecoTables.ITEM_CONTENT.tableName();
  private static final String MAPREDCP = "/usr/lib/hbase/lib/hbase-client.jar:/etc/hbase/conf";

  private static MiniDFSCluster hdfs;
  private static FileSystem fs;
  private static Path dir;
  private static Path inventory;
  private static Map<String, Object> vars;

  @BeforeAll
  static void startHdfsAndWriteTheCommands() throws Exception {
    Ansible.require("ansible-playbook");
    dir = Files.createTempDirectory("reco-client-play");
    Configuration conf = new Configuration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, dir.resolve("minidfs").toString());
    hdfs = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
    hdfs.waitActive();
    fs = hdfs.getFileSystem();
    // the client's configuration directory, first on the class path as HADOOP_CONF_DIR is
    Path clientConf = Files.createDirectories(dir.resolve("conf"));
    Files.writeString(clientConf.resolve("core-site.xml"), "<?xml version=\"1.0\"?>\n<configuration><property>"
        + "<name>fs.defaultFS</name><value>" + fs.getUri() + "</value></property></configuration>\n");
    String java = System.getProperty("java.home") + "/bin/java -Xmx256m -Djava.net.preferIPv4Stack=true"
        + " -Dlog4j.configuration=file:" + log4j() + " -cp " + clientConf + File.pathSeparator
        + System.getProperty("java.class.path");
    // the operator's `hdfs dfs ...`: Hadoop's FsShell against this HDFS, as the test's user (its superuser)
    Path hdfsCommand = command("hdfs", "[ \"$1\" = dfs ] && shift\nexec " + java + " " + FsShell.class.getName()
        + " \"$@\"");
    // the operator's `hbase mapredcp`, and `hadoop jar <jobs jar> schema ...`: the schema command of the jobs jar,
    // which wants HBase's jars from HADOOP_CLASSPATH
    Path hbaseCommand = command("hbase", "[ \"$1\" = mapredcp ] || exit 2\necho 'SLF4J: a line before it'\n"
        + "echo " + MAPREDCP);
    Path hadoopCommand = command("hadoop", "[ \"$1\" = jar ] && [ \"$3\" = schema ] || { echo \"only hadoop jar"
        + " <jar> schema\" >&2; exit 2; }\n[ \"$HADOOP_CLASSPATH\" = " + MAPREDCP + " ] || { echo \"HADOOP_CLASSPATH"
        + " is not hbase mapredcp: $HADOOP_CLASSPATH\" >&2; exit 2; }\nshift 3\nexec " + java + " "
        + SchemaTool.class.getName() + " \"$@\"");
    jobsJar(dir.resolve("reco-jobs-0.1.0-SNAPSHOT.jar"), "lib/avro-1.12.0.jar", "lib/picocli-4.7.6.jar");
    vars = new LinkedHashMap<>();
    vars.put("reco_hdfs_user", "reco");
    vars.put("reco_hdfs_group", "reco");
    vars.put("reco_name_node", fs.getUri().toString());
    vars.put("reco_jobs_jar", dir.resolve("reco-jobs-0.1.0-SNAPSHOT.jar").toString());
    vars.put("hdfs_layout_hdfs_command", hdfsCommand.toString());
    vars.put("hdfs_layout_run_as", Hosts.user());
    vars.put("hdfs_layout_state_dir", dir.resolve("state/hdfs-layout").toString());
    vars.put("hbase_tables_hadoop_command", hadoopCommand.toString());
    vars.put("hbase_tables_hbase_command", hbaseCommand.toString());
    vars.put("hbase_tables_run_as", Hosts.user());
    vars.put("hbase_tables_jobs_dir", dir.resolve("jobs").toString());
    vars.put("hbase_tables_hbase_site", SharedHBase.get().directory().resolve(StandaloneHBase.SITE_FILE)
        .toString());
    vars.put("oozie_app_hdfs_command", hdfsCommand.toString());
    vars.put("oozie_app_run_as", Hosts.user());
    vars.put("oozie_app_stage_dir", dir.resolve("state/oozie-app").toString());
    vars.put("oozie_app_submit", false);
    inventory = Hosts.localInventory(dir, "reco_client");
  }

  @AfterAll
  static void stop() throws IOException {
    if (hdfs != null) {
      hdfs.shutdown();
    }
    if (dir != null) {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Test
  @Order(1)
  void theFirstRunLaysOutHdfsCreatesTheMissingTableAndUploadsTheApplication() throws Exception {
    try (Admin admin = SharedHBase.connection().getAdmin()) {
      admin.disableTable(DROPPED);
      admin.deleteTable(DROPPED);
    }
    Ansible.Run run = play(vars);
    assertEquals(List.of("0"), List.of(recap(run)[1]), run.report());
    assertTrue(run.output().contains("changed: /data/reco/raw/quarantine (created reco:reco 0700)"), run.report());
    assertTrue(run.output().contains("created  " + DROPPED.getNameAsString()), run.report());
    try (Admin admin = SharedHBase.connection().getAdmin()) {
      assertTrue(admin.tableExists(DROPPED));
    }
  }

  @Test
  @Order(2)
  void theDirectoriesHaveTheirOwnersAndModes() throws IOException {
    assertStatus("/data/reco/raw", "rwxr-x---");
    assertStatus("/data/reco/raw/clickstream", "rwxr-x---");
    assertStatus("/data/reco/raw/quarantine", "rwx------");
    assertStatus("/data/reco/work", "rwxrwx---");
    assertStatus("/apps/reco", "rwxr-xr-x");
    assertStatus("/user/reco", "rwxr-x---");
  }

  @Test
  @Order(3)
  void theApplicationIsOnHdfsWithTheClustersAddresses() throws IOException {
    assertTrue(fs.exists(new org.apache.hadoop.fs.Path("/apps/reco/coordinator.xml")));
    assertTrue(fs.exists(new org.apache.hadoop.fs.Path("/apps/reco/pipeline/workflow.xml")));
    assertEquals(List.of("avro-1.12.0.jar", "picocli-4.7.6.jar", "reco-jobs-0.1.0-SNAPSHOT.jar"), libs(),
        "the jobs jar and, for Oozie's launcher, the libraries inside it");
    String daily = read("/apps/reco/daily.properties");
    assertTrue(daily.contains("\nnameNode=" + fs.getUri() + "\n"), daily);
    assertTrue(daily.contains("\nrawRoot=${nameNode}/data/reco/raw\n"), daily);
    assertTrue(daily.contains("\ncoordName=reco-daily\n"), daily);
    assertTrue(read("/apps/reco/weekly.properties").contains("\ncoordName=reco-weekly\n"));
  }

  @Test
  @Order(4)
  void aSecondRunChangesNothing() throws Exception {
    Ansible.Run run = play(vars);
    assertEquals("0", recap(run)[0], "changed tasks on the second run:\n" + run.report());
  }

  @Test
  @Order(5)
  void aDirectoryChangedByHandIsPutBackAndOnlyIt() throws Exception {
    fs.setPermission(new org.apache.hadoop.fs.Path("/data/reco/raw/transactions"), new FsPermission((short) 0777));
    fs.setOwner(new org.apache.hadoop.fs.Path("/data/reco/work"), "someone", "else");
    Ansible.Run run = play(vars);
    assertEquals("0", recap(run)[1], run.report());
    List<String> changes = run.output().lines().map(String::strip).filter(l -> l.startsWith("\"changed: "))
        .toList();
    assertEquals(List.of("\"changed: /data/reco/raw/transactions (mode 0777 -> 0750)\",",
        "\"changed: /data/reco/work (owner someone:else -> reco:reco)\""), changes, run.report());
    assertStatus("/data/reco/raw/transactions", "rwxr-x---");
    assertStatus("/data/reco/work", "rwxrwx---");
  }

  @Test
  @Order(6)
  void aNewReleaseReplacesTheJobsJarOnHdfs() throws Exception {
    Path next = dir.resolve("reco-jobs-0.2.0.jar");
    jobsJar(next, "lib/avro-1.12.1.jar");
    Map<String, Object> release = new LinkedHashMap<>(vars);
    release.put("reco_jobs_jar", next.toString());
    Ansible.Run run = play(release);
    assertEquals("0", recap(run)[1], run.report());
    assertEquals(List.of("avro-1.12.1.jar", "reco-jobs-0.2.0.jar"), libs(), "nothing of the release before");
    try (Stream<Path> staged = Files.list(dir.resolve("state/oozie-app/app/lib"))) {
      assertEquals(List.of("avro-1.12.1.jar", "reco-jobs-0.2.0.jar"),
          staged.map(p -> p.getFileName().toString()).sorted().toList());
    }
  }

  /** The names in the application's lib/ on HDFS, sorted. */
  private static List<String> libs() throws IOException {
    FileStatus[] jars = fs.listStatus(new org.apache.hadoop.fs.Path("/apps/reco/lib"));
    return Arrays.stream(jars).map(s -> s.getPath().getName()).sorted().toList();
  }

  /** A jobs jar holding {@code libraries} under lib/, as mr-jobs' assembly lays it out. */
  private static void jobsJar(Path jar, String... libraries) throws IOException {
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      out.putNextEntry(new JarEntry("io/reco/jobs/RecoJobs.class"));
      out.closeEntry();
      for (String library : libraries) {
        out.putNextEntry(new JarEntry(library));
        out.write(library.getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
      }
    }
  }

  private static Ansible.Run play(Map<String, Object> extra) throws Exception {
    return Ansible.playbook(List.of("-i", inventory.toString(), "-e", "@" + Hosts.extraVars(dir, extra),
        "site.yml"), 900);
  }

  /** changed, failed of the play recap. */
  private static String[] recap(Ansible.Run run) {
    Matcher m = RECAP.matcher(run.output());
    assertTrue(m.find(), "no play recap:\n" + run.report());
    return new String[] {m.group(1), m.group(2)};
  }

  private static void assertStatus(String path, String mode) throws IOException {
    FileStatus status = fs.getFileStatus(new org.apache.hadoop.fs.Path(path));
    assertEquals("reco:reco " + mode, status.getOwner() + ":" + status.getGroup() + " "
        + status.getPermission(), path);
    assertFalse(status.isFile());
  }

  private static String read(String path) throws IOException {
    try (var in = fs.open(new org.apache.hadoop.fs.Path(path))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static Path command(String name, String body) throws IOException {
    Path file = dir.resolve("bin").resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    return file;
  }

  /** Warnings only, to standard error: the commands' output is what the roles read. */
  private static Path log4j() throws IOException {
    Path file = dir.resolve("log4j.properties");
    Files.writeString(file, "log4j.rootLogger=WARN, err\nlog4j.appender.err=org.apache.log4j.ConsoleAppender\n"
        + "log4j.appender.err.Target=System.err\nlog4j.appender.err.layout=org.apache.log4j.PatternLayout\n"
        + "log4j.appender.err.layout.ConversionPattern=%p %c{1}: %m%n\n");
    return file;
  }
}
