package io.reco.jobs.common;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsAction;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * The local file system for jobs on LocalJobRunner, with permissions read and set through {@code java.nio} instead
 * of a forked {@code chmod} or {@code ls -ld} per file, which is what Hadoop does without its native library (about
 * 8 ms a file: most of a small job's time). Otherwise Hadoop's own local file system, checksums included.
 */
public final class NioLocalFileSystem extends LocalFileSystem {
  /** For Hadoop, which creates file systems by reflection. */
  public NioLocalFileSystem() {
    super(new NioRawLocalFileSystem());
  }

  /** The raw local file system with NIO permissions. */
  public static final class NioRawLocalFileSystem extends RawLocalFileSystem {
    private static final FsAction[] ACTIONS = FsAction.values();

    @Override
    public void setPermission(Path p, FsPermission permission) throws IOException {
      Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
      add(set, permission.getUserAction(), PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
          PosixFilePermission.OWNER_EXECUTE);
      add(set, permission.getGroupAction(), PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
          PosixFilePermission.GROUP_EXECUTE);
      add(set, permission.getOtherAction(), PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE,
          PosixFilePermission.OTHERS_EXECUTE);
      Files.setPosixFilePermissions(pathToFile(p).toPath(), set);
    }

    @Override
    public FileStatus getFileStatus(Path f) throws IOException {
      return withAttributes(super.getFileStatus(f));
    }

    @Override
    public FileStatus[] listStatus(Path f) throws IOException {
      FileStatus[] statuses = super.listStatus(f);
      for (int i = 0; i < statuses.length; i++) {
        statuses[i] = withAttributes(statuses[i]);
      }
      return statuses;
    }

    /** {@code status} with its owner, group and permission read now, so nothing forks to read them later. */
    private FileStatus withAttributes(FileStatus status) throws IOException {
      PosixFileAttributes a;
      try {
        a = Files.readAttributes(pathToFile(status.getPath()).toPath(), PosixFileAttributes.class);
      } catch (NoSuchFileException gone) {
        return status;
      }
      Set<PosixFilePermission> p = a.permissions();
      FsPermission permission = new FsPermission(
          action(p, PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE),
          action(p, PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE),
          action(p, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE,
              PosixFilePermission.OTHERS_EXECUTE));
      return new FileStatus(status.getLen(), status.isDirectory(), status.getReplication(), status.getBlockSize(),
          status.getModificationTime(), status.getAccessTime(), permission, a.owner().getName(), a.group().getName(),
          status.getPath());
    }

    private static void add(Set<PosixFilePermission> set, FsAction action, PosixFilePermission read,
        PosixFilePermission write, PosixFilePermission execute) {
      if (action.implies(FsAction.READ)) {
        set.add(read);
      }
      if (action.implies(FsAction.WRITE)) {
        set.add(write);
      }
      if (action.implies(FsAction.EXECUTE)) {
        set.add(execute);
      }
    }

    private static FsAction action(Set<PosixFilePermission> set, PosixFilePermission read,
        PosixFilePermission write, PosixFilePermission execute) {
      return ACTIONS[(set.contains(read) ? 4 : 0) | (set.contains(write) ? 2 : 0) | (set.contains(execute) ? 1 : 0)];
    }
  }
}
