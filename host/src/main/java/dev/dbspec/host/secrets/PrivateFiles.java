package dev.dbspec.host.secrets;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

/**
 * Files only their owner may read: directories {@code 0700}, files {@code 0600}, created with that
 * mode (never readable by others, not even for an instant) and published atomically. On a file system
 * without POSIX permissions the directory's access rules apply and modes are not set.
 */
public final class PrivateFiles {
    public static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    public static final Set<PosixFilePermission> OWNER_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private PrivateFiles() {
    }

    /** Whether {@code path}'s file system has POSIX permissions. */
    public static boolean isPosix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /** Creates {@code dir} and its missing parents with mode {@code 0700}; an existing directory is left as it is. */
    public static Path createDirectories(Path dir) throws IOException {
        Path absolute = dir.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            return absolute;
        }
        if (isPosix(absolute)) {
            Files.createDirectories(absolute, PosixFilePermissions.asFileAttribute(OWNER_DIRECTORY));
            // the umask may have removed bits only, but set it explicitly for the leaf we certainly created
            Files.setPosixFilePermissions(absolute, OWNER_DIRECTORY);
        } else {
            Files.createDirectories(absolute);
        }
        return absolute;
    }

    /** Sets mode {@code 0600} on {@code file} if it exists (files created by others, such as H2's). */
    public static void restrict(Path file) throws IOException {
        if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && isPosix(file)) {
            Files.setPosixFilePermissions(file, OWNER_FILE);
        }
    }

    /**
     * Writes {@code content} to a new file {@code target} with mode {@code 0600}, atomically: a reader
     * sees no file or the whole file.
     *
     * @return false when {@code target} already existed (another process created it first); it is left unchanged
     */
    public static boolean createNew(Path target, byte[] content) throws IOException {
        Path temporary = writeTemporary(target, content);
        try {
            try {
                Files.createLink(target, temporary);
                return true;
            } catch (FileAlreadyExistsException e) {
                return false;
            } catch (UnsupportedOperationException | FileSystemException e) {
                // no hard links here: a move that refuses to replace does the same, less atomically
                try {
                    Files.move(temporary, target);
                    return true;
                } catch (FileAlreadyExistsException exists) {
                    return false;
                }
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Replaces {@code target} with {@code content} (mode {@code 0600}) atomically where the file system can. */
    public static void replace(Path target, byte[] content) throws IOException {
        Path temporary = writeTemporary(target, content);
        try {
            try {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** A new file next to {@code target}, created with mode 0600, holding {@code content}, flushed to disk. */
    private static Path writeTemporary(Path target, byte[] content) throws IOException {
        Path dir = createDirectories(requireNonNull(target, "target is null").toAbsolutePath().getParent());
        Path temporary = dir.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        FileAttribute<?>[] attributes = isPosix(dir)
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_FILE)} : new FileAttribute<?>[0];
        try (FileChannel channel = FileChannel.open(temporary, EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), attributes)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
        return temporary;
    }

    /**
     * Refuses a file that users other than its owner may access (like ssh with a private key).
     *
     * @throws InvalidSecretKeyException naming the file, its mode and the fix
     */
    public static void requireOwnerOnly(Path file) throws IOException {
        if (!isPosix(file)) {
            return;
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
        if (permissions.stream().anyMatch(OTHERS::contains)) {
            throw new InvalidSecretKeyException("the key file " + file + " is accessible by other users (mode "
                    + PosixFilePermissions.toString(permissions) + "): run chmod 600 " + file);
        }
    }
}
