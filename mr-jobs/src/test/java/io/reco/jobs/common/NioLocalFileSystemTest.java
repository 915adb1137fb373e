package io.reco.jobs.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local file system of LocalJobRunner: permissions through java.nio, the same answers as Hadoop's. */
class NioLocalFileSystemTest {
  @TempDir
  java.nio.file.Path dir;

  private static FileSystem fs() throws Exception {
    Configuration conf = LocalJobs.configure(new Configuration(), java.nio.file.Path.of("target", "nio-fs"));
    FileSystem fs = new NioLocalFileSystem();
    fs.initialize(FileSystem.getDefaultUri(conf), conf);
    return fs;
  }

  @Test
  void setsAndReadsPermissionsOwnersAndGroups() throws Exception {
    FileSystem fs = fs();
    Path file = new Path(dir.resolve("a/b/file.txt").toUri());
    try (FSDataOutputStream out = fs.create(file, new FsPermission((short) 0640), false, 4096, (short) 1, 1 << 20,
        null)) {
      out.writeBytes("hello");
    }
    assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(
        "a/b/file.txt"))), "the umask (022) leaves 640 as it is");
    fs.setPermission(file, new FsPermission((short) 0751));
    FileStatus status = fs.getFileStatus(file);
    assertEquals(new FsPermission((short) 0751), status.getPermission());
    assertEquals(System.getProperty("user.name"), status.getOwner());
    assertEquals(5, status.getLen());
    assertTrue(fs.exists(new Path(dir.resolve("a/b/.file.txt.crc").toUri())), "checksums as usual");

    FileStatus[] listed = fs.listStatus(new Path(dir.resolve("a/b").toUri()));
    assertEquals(1, listed.length, "the .crc side file is not listed");
    assertEquals(new FsPermission((short) 0751), listed[0].getPermission());
    assertEquals(Files.getOwner(dir.resolve("a/b/file.txt")).getName(), listed[0].getOwner());
    assertEquals(Files.readAttributes(dir.resolve("a/b/file.txt"), java.nio.file.attribute.PosixFileAttributes.class)
        .group().getName(), listed[0].getGroup());
  }

  @Test
  void localJobsUseIt() throws Exception {
    Configuration conf = LocalJobs.configure(new Configuration(), dir);
    assertEquals(NioLocalFileSystem.class, conf.getClass("fs.file.impl", null));
  }
}
