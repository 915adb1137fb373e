package io.reco.oozie;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reco.hbase.StandaloneHBase;
import io.reco.schema.ModelInfo;
import io.reco.schema.ModelRegistry;
import io.reco.schema.SchemaAdmin;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.CommonConfigurationKeysPublic;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hbase.client.Admin;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.ConnectionFactory;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.MRJobConfig;
import org.apache.hadoop.mapreduce.v2.MiniMRYarnCluster;
import org.apache.hadoop.net.ScriptBasedMapping;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.oozie.action.hadoop.LauncherAM;
import org.apache.oozie.client.OozieClient;
import org.apache.oozie.client.WorkflowAction;
import org.apache.oozie.client.WorkflowJob;
import org.apache.oozie.local.LocalOozie;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two ways an operator runs the pipeline on a cluster, on HDFS (MiniDFSCluster), YARN (MiniMRYarnCluster, not
 * LocalJobRunner) and a real HBase: the shipped daily workflow on a real Oozie engine ({@code LocalOozie}, the
 * application deployed to HDFS by {@code bin/reco oozie deploy}), and {@code hadoop jar reco-jobs.jar} (Hadoop's
 * RunJar in its own process). That process's classpath is only what a cluster has - Hadoop's jars and HBase's
 * ({@code hbase mapredcp}) - and YARN gives its tasks the same, so every class of ours, Mahout's, Avro's and the rest
 * reaches them in the jobs jar or not at all.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterRunIT {
  private static final Duration STEP_TIMEOUT = Duration.ofMinutes(35);
  /** Where mr-jobs' build leaves the jobs jar. */
  static final Path JOBS_TARGET = Path.of(System.getProperty("reco.jobs.target", "../mr-jobs/target"));
  /** The synthetic shop's days ({@code generate}'s default start) and the days each run learns from. */
  private static final String FIRST_DAY = "2026-11-01";
  private static final String LAST_DAY = "2026-11-07";

  @TempDir
  static Path dir;

  private static MiniDFSCluster dfs;
  private static MiniMRYarnCluster yarn;
  private static StandaloneHBase hbase;
  private static Path confDir;
  private static String user;

  @BeforeAll
  static void startCluster() throws Exception {
    user = UserGroupInformation.getCurrentUser().getShortUserName();
    Configuration conf = new Configuration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, dir.resolve("dfs").toString());
    // Oozie submits every action as the workflow's user, through this one
    conf.set("hadoop.proxyuser." + user + ".hosts", "*");
    conf.set("hadoop.proxyuser." + user + ".groups", "*");
    dfs = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
    Configuration yarnConf = new Configuration(dfs.getConfiguration(0));
    yarnConf.set(MRJobConfig.MR_AM_STAGING_DIR, "/tmp/hadoop-yarn/staging");
    yarnConf.setInt(YarnConfiguration.NM_PMEM_MB, 6144);
    yarnConf.setBoolean(YarnConfiguration.NM_VMEM_CHECK_ENABLED, false);
    yarnConf.setInt(YarnConfiguration.RM_SCHEDULER_MINIMUM_ALLOCATION_MB, 256);
    // Oozie's launcher is an application master that waits for the jobs it submits, whose masters need room too
    // (the scheduler's default leaves a tenth of the cluster to masters: one, here)
    yarnConf.setFloat("yarn.scheduler.capacity.maximum-am-resource-percent", 0.8f);
    // what an operator's mapred-site.xml says for JDK 17 task JVMs (see the README, "Run on a cluster")
    String opens = "--add-opens java.base/java.lang=ALL-UNNAMED --add-opens java.base/java.nio=ALL-UNNAMED"
        + " --add-opens java.base/sun.nio.ch=ALL-UNNAMED --add-opens java.base/java.util=ALL-UNNAMED"
        + " --add-opens java.base/java.lang.reflect=ALL-UNNAMED"
        // a task JVM lives seconds here: the quick compiler only, one GC thread
        + " -XX:TieredStopAtLevel=1 -XX:+UseSerialGC";
    yarnConf.setInt(MRJobConfig.MR_AM_VMEM_MB, 1024);
    yarnConf.set(MRJobConfig.MR_AM_COMMAND_OPTS, "-Xmx800m " + opens);
    yarnConf.setInt(MRJobConfig.MAP_MEMORY_MB, 768);
    yarnConf.set(MRJobConfig.MAP_JAVA_OPTS, "-Xmx600m " + opens);
    yarnConf.setInt(MRJobConfig.REDUCE_MEMORY_MB, 768);
    yarnConf.set(MRJobConfig.REDUCE_JAVA_OPTS, "-Xmx600m " + opens);
    // a job with one reducer runs in its application master's JVM (mapred-site.xml may say so for small inputs):
    // one JVM start a job, not one a task, on these two cores
    yarnConf.setBoolean(MRJobConfig.JOB_UBERTASK_ENABLE, true);
    yarnConf.setInt(MRJobConfig.JOB_UBERTASK_MAXMAPS, 1000);
    yarnConf.setLong(MRJobConfig.JOB_UBERTASK_MAXBYTES, 1L << 30);
    // the client asks whether its job is done every 5 s unless told otherwise
    yarnConf.setInt(Job.COMPLETION_POLL_INTERVAL_KEY, 100);
    yarnConf.setInt(YarnConfiguration.RM_NM_HEARTBEAT_INTERVAL_MS, 200);
    yarnConf.setInt(MRJobConfig.MR_AM_TO_RM_HEARTBEAT_INTERVAL_MS, 200);
    yarn = new MiniMRYarnCluster("reco-cluster-run", 1);
    yarn.init(yarnConf);
    yarn.start();

    hbase = StandaloneHBase.start(dir.resolve("hbase"));
    try (Connection connection = ConnectionFactory.createConnection(hbase.configuration());
        Admin admin = connection.getAdmin()) {
      assertTrue(new SchemaAdmin(admin).ensure().ok(), "the reco tables are created");
    }

    confDir = Files.createDirectories(dir.resolve("conf"));
    Configuration site = new Configuration(yarn.getConfig());
    // MiniDFSCluster's rack mapping is a class of Hadoop's tests, which a cluster does not have
    site.set(CommonConfigurationKeysPublic.NET_TOPOLOGY_NODE_SWITCH_MAPPING_IMPL_KEY,
        ScriptBasedMapping.class.getName());
    try (OutputStream out = Files.newOutputStream(confDir.resolve("core-site.xml"))) {
      site.writeXml(out);
    }
    Files.copy(hbase.siteFile(), confDir.resolve("hbase-site.xml"));

    String generated = hadoopJar("generate", "--output", "/shop", "--events", "20000", "--seed", "7");
    assertTrue(dfs.getFileSystem().exists(new org.apache.hadoop.fs.Path("/shop/raw")), generated);
    startOozie(site);
  }

  /**
   * An Oozie server in this JVM, set up as on a cluster: its database in Derby, Hadoop's settings from its
   * {@code conf/hadoop-conf}, and the share library on HDFS - {@code oozie/}, its launcher, and
   * {@code hbase/}, HBase's client jars, which the java actions take ({@code oozie.action.sharelib.for.java}). The
   * launcher and every task it starts get YARN's application classpath, Hadoop's jars and no more, as on a cluster
   * (not this JVM's classpath, which YARN's mini cluster would hand them otherwise). Status checks every few seconds
   * instead of every minute.
   */
  private static void startOozie(Configuration site) throws Exception {
    Path home = Files.createDirectories(dir.resolve("oozie"));
    Path conf = Files.createDirectories(home.resolve("conf"));
    Path hadoopConf = Files.createDirectories(conf.resolve("hadoop-conf"));
    Files.createDirectories(conf.resolve("action-conf"));
    Map<Boolean, List<String>> cluster = Arrays.stream(clusterClasspath().split(File.pathSeparator))
        .collect(Collectors.partitioningBy(jar -> jar.contains("/org/apache/hbase/")));
    FileSystem hdfs = dfs.getFileSystem();
    org.apache.hadoop.fs.Path shareLib = new org.apache.hadoop.fs.Path("/user/" + user + "/share/lib");
    org.apache.hadoop.fs.Path hbaseLib = new org.apache.hadoop.fs.Path(shareLib, "lib_20261201000000/hbase");
    hdfs.mkdirs(hbaseLib);
    for (String jar : cluster.get(true)) {
      hdfs.copyFromLocalFile(new org.apache.hadoop.fs.Path(Path.of(jar).toUri()), hbaseLib);
    }
    // oozie/: the launcher, as Oozie's distribution installs it (oozie-setup.sh sharelib create)
    org.apache.hadoop.fs.Path launcherLib = new org.apache.hadoop.fs.Path(hbaseLib.getParent(), "oozie");
    hdfs.mkdirs(launcherLib);
    hdfs.copyFromLocalFile(new org.apache.hadoop.fs.Path(
        LauncherAM.class.getProtectionDomain().getCodeSource().getLocation().toURI()), launcherLib);
    // hbase-site.xml beside HBase's jars, as Oozie's documentation has it, so the actions find the cluster's HBase
    hdfs.copyFromLocalFile(new org.apache.hadoop.fs.Path(hbase.siteFile().toUri()), hbaseLib);
    Configuration hadoop = new Configuration(site);
    hadoop.setBoolean(YarnConfiguration.IS_MINI_YARN_CLUSTER, false);
    // a node's classpath: $HADOOP_CONF_DIR, then Hadoop's jars
    List<String> nodeClasspath = new ArrayList<>(List.of(hadoopConf.toString()));
    nodeClasspath.addAll(cluster.get(false));
    hadoop.set(YarnConfiguration.YARN_APPLICATION_CLASSPATH, String.join(",", nodeClasspath));
    hadoop.set(MRJobConfig.MAPREDUCE_APPLICATION_CLASSPATH, String.join(",", cluster.get(false)));
    try (OutputStream out = Files.newOutputStream(hadoopConf.resolve("core-site.xml"))) {
      hadoop.writeXml(out);
    }
    Configuration oozie = new Configuration(false);
    oozie.set("oozie.service.JPAService.jdbc.driver", "org.apache.derby.jdbc.EmbeddedDriver");
    oozie.set("oozie.service.JPAService.jdbc.url", "jdbc:derby:" + home.resolve("db") + ";create=true");
    oozie.set("oozie.service.JPAService.create.db.schema", "true");
    oozie.set("oozie.service.HadoopAccessorService.hadoop.configurations", "*=" + hadoopConf);
    oozie.set("oozie.service.HadoopAccessorService.supported.filesystems", "*");
    oozie.set("oozie.service.WorkflowAppService.system.libpath", hdfs.makeQualified(shareLib).toString());
    oozie.set("oozie.service.ActionCheckerService.action.check.interval", "5");
    oozie.set("oozie.service.ActionCheckerService.action.check.delay", "5");
    oozie.set("oozie.service.ProxyUserService.proxyuser." + user + ".hosts", "*");
    oozie.set("oozie.service.ProxyUserService.proxyuser." + user + ".groups", "*");
    try (OutputStream out = Files.newOutputStream(conf.resolve("oozie-site.xml"))) {
      oozie.writeXml(out);
    }
    System.setProperty("oozie.home.dir", home.toString());
    System.setProperty("oozie.config.dir", conf.toString());
    System.setProperty("oozie.data.dir", home.toString());
    System.setProperty("oozie.log.dir", home.toString());
    System.setProperty("oozielocal.log", home.resolve("oozie.log").toString());
    System.setProperty("derby.stream.error.file", home.resolve("derby.log").toString());
    LocalOozie.start();
  }

  @AfterAll
  static void stopCluster() throws Exception {
    if (LocalOozie.isStarted()) {
      LocalOozie.stop();
    }
    if (hbase != null) {
      hbase.close();
    }
    if (yarn != null) {
      yarn.stop();
    }
    if (dfs != null) {
      dfs.shutdown();
    }
  }

  @Test
  @Order(1)
  void theDailyWorkflowRunsOnOozieAndPromotesTheModelThatIsServed() throws Exception {
    String app = dfs.getFileSystem().getUri() + "/apps/reco";
    assertEquals(0, OozieCommands.catalog().run(new Configuration(yarn.getConfig()),
        new String[] {"deploy", "--to", app, "--app", "src/main/app", "--jobs-jar", jobsJar().toString()}));

    Properties properties = new Properties();
    try (InputStream in = Files.newInputStream(Path.of("src", "main", "app", "daily.properties"))) {
      properties.load(in);
    }
    properties.remove("oozie.coord.application.path");
    properties.setProperty(OozieClient.APP_PATH, app + "/pipeline");
    properties.setProperty(OozieClient.USER_NAME, user);
    properties.setProperty("nameNode", dfs.getFileSystem().getUri().toString());
    properties.setProperty("resourceManager", yarn.getConfig().get(YarnConfiguration.RM_ADDRESS));
    properties.setProperty("appPath", app);
    properties.setProperty(OozieClient.LIBPATH, app + "/lib");
    properties.setProperty("rawRoot", "/shop/raw");
    properties.setProperty("workRoot", "/reco/daily");
    properties.setProperty("from", FIRST_DAY);
    properties.setProperty("to", LAST_DAY);
    properties.setProperty("runId", "reco-daily-20261108-0300");

    OozieClient oozie = LocalOozie.getClient(user);
    String id = oozie.run(properties);
    WorkflowJob job = await("workflow " + id).atMost(STEP_TIMEOUT).pollInterval(Duration.ofSeconds(2))
        .until(() -> oozie.getJobInfo(id), ended -> ended.getStatus() != WorkflowJob.Status.PREP
            && ended.getStatus() != WorkflowJob.Status.RUNNING);
    assertEquals(WorkflowJob.Status.SUCCEEDED, job.getStatus(), describe(job));
    assertEquals(List.of("bronze-to-silver", "quality-gate", "pipeline", "end"),
        job.getActions().stream().map(WorkflowAction::getName).filter(name -> !name.startsWith(":")).toList(),
        "the run took the quality gate's way to the pipeline");

    Properties built = new Properties();
    built.load(new StringReader(action(job, "pipeline").getData()));
    assertEquals("true", built.getProperty("promoted"), describe(job));
    assertServed(built.getProperty("version"), "/reco/daily/reco-daily-20261108-0300");
  }

  @Test
  @Order(2)
  void theOperatorsHadoopJarShowsTheServedModel() throws Exception {
    String shown = hadoopJar("model", "show");
    try (Connection connection = ConnectionFactory.createConnection(hbase.configuration())) {
      String active = new ModelRegistry(connection).activeVersion().orElseThrow();
      assertTrue(shown.contains(active), "model show names the active version " + active + ":\n" + shown);
    }
  }

  /** The version is the one served, published, with its lineage on HDFS and its quality report in {@code run}. */
  private static void assertServed(String version, String run) throws IOException {
    try (Connection connection = ConnectionFactory.createConnection(hbase.configuration())) {
      ModelRegistry registry = new ModelRegistry(connection);
      assertEquals(version, registry.activeVersion().orElseThrow());
      ModelInfo model = registry.describe(version).orElseThrow();
      assertEquals(ModelRegistry.PUBLISHED, model.status());
      assertTrue(model.lineage().orElseThrow().inputs().stream().allMatch(input -> input.path().startsWith("hdfs://")),
          "the lineage names the HDFS partitions it read: " + model.lineage());
    }
    assertTrue(dfs.getFileSystem().exists(new org.apache.hadoop.fs.Path(run + "/report/report.html")),
        "the quality report is on HDFS in " + run);
  }

  private static WorkflowAction action(WorkflowJob job, String name) {
    return job.getActions().stream().filter(a -> a.getName().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no action " + name + ": " + describe(job)));
  }

  /** The job's status and each action's, with the error Oozie recorded: what a failed run's message needs. */
  private static String describe(WorkflowJob job) {
    return job.getId() + " " + job.getStatus() + job.getActions().stream()
        .map(a -> "\n  " + a.getName() + " " + a.getStatus() + " " + Objects.toString(a.getExternalId(), "")
            + (a.getErrorMessage() != null ? " " + a.getErrorCode() + ": " + a.getErrorMessage() : ""))
        .collect(Collectors.joining());
  }

  /** Runs {@code hadoop jar reco-jobs.jar args} in its own process; returns its output, failing on a non-zero exit. */
  private static String hadoopJar(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx1g", "-Djava.net.preferIPv4Stack=true"));
    // this test JVM's own --add-opens, which `hadoop` on JDK 17 needs alike (HADOOP_OPTS)
    command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(argument -> argument.startsWith("--add-opens=")).toList());
    command.addAll(List.of("-cp", confDir + File.pathSeparator + clusterClasspath(),
        "org.apache.hadoop.util.RunJar", jobsJar().toString()));
    command.addAll(Arrays.asList(args));
    Path log = dir.resolve(args[0] + ".log");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("RECO_DEBUG", "1"); // a failure's stack trace, for this test's message
    Process process = builder.start();
    if (!process.waitFor(STEP_TIMEOUT.toMinutes(), TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError(args[0] + " did not finish in " + STEP_TIMEOUT + ":\n" + tail(log));
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    System.out.println(output); // kept in the failsafe report's output file
    assertEquals(0, process.exitValue(), "hadoop jar reco-jobs.jar " + String.join(" ", args) + ":\n" + tail(log));
    return output;
  }

  /** What a cluster's {@code hadoop classpath} and {@code hbase mapredcp} give, as this module's build wrote it. */
  private static String clusterClasspath() throws IOException {
    return Files.readString(Path.of("target", "cluster.classpath")).trim();
  }

  private static Path jobsJar() throws IOException {
    try (Stream<Path> jars = Files.list(JOBS_TARGET)) {
      return jars.filter(p -> p.getFileName().toString().matches("reco-jobs-.*\\.jar")).findFirst()
          .orElseThrow(() -> new AssertionError("no jobs jar in " + JOBS_TARGET + ": run mvn package first"));
    }
  }

  private static String tail(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
  }
}
