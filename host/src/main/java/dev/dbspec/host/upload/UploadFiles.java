package dev.dbspec.host.upload;

import static java.util.Objects.requireNonNull;

import dev.dbspec.host.secrets.PrivateFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The directory where uploaded files wait for their task ({@code <data.dir>/uploads}, mode 0700). A body is streamed
 * to a new file of mode 0600 (never held in memory) and refused past {@code maxBytes}; workers sharing the data
 * directory read it; the task deletes it when done. Names are generated UUIDs, so nothing a client sends becomes a path.
 */
public final class UploadFiles {
    private static final Logger LOG = LoggerFactory.getLogger(UploadFiles.class);
    private final Path directory;

    public UploadFiles(Path directory) {
        this.directory = requireNonNull(directory, "directory is null");
    }

    /** Raised when a body is larger than allowed; the partial file is already deleted. */
    public static final class TooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        TooLargeException(long maxBytes) {
            super("the upload is larger than " + maxBytes + " bytes (upload.max-bytes)");
        }
    }

    public Path directory() {
        return directory;
    }

    /** The file of upload {@code uploadId} (which {@link UploadRequest} checked is a UUID). */
    public Path file(String uploadId) {
        return directory.resolve(uploadId + ".csv");
    }

    /**
     * Streams {@code body} into a new 0600 file and returns the upload id naming it.
     *
     * @throws TooLargeException past {@code maxBytes} (nothing is left behind)
     */
    public String receive(InputStream body, long maxBytes) throws IOException {
        PrivateFiles.createDirectories(directory);
        String uploadId = UUID.randomUUID().toString();
        Path file = file(uploadId);
        FileAttribute<?>[] attributes = PrivateFiles.isPosix(directory)
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PrivateFiles.OWNER_FILE)} : new FileAttribute<?>[0];
        Files.createFile(file, attributes);
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            byte[] buffer = new byte[1 << 16];
            long total = 0;
            for (int read = body.read(buffer); read >= 0; read = body.read(buffer)) {
                total += read;
                if (total > maxBytes) {
                    throw new TooLargeException(maxBytes);
                }
                out.write(buffer, 0, read);
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        return uploadId;
    }

    public void delete(String uploadId) {
        try {
            Files.deleteIfExists(file(uploadId));
        } catch (IOException e) {
            LOG.warn("cannot delete upload file {}: {}", uploadId, e.getMessage());
        }
    }

    /** Deletes files older than {@code age} (their tasks expired or were dead-lettered); returns how many. */
    public int deleteOlderThan(Duration age) {
        if (!Files.isDirectory(directory)) {
            return 0;
        }
        Instant cutoff = Instant.now().minus(age);
        int deleted = 0;
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                FileTime modified = Files.getLastModifiedTime(file);
                if (modified.toInstant().isBefore(cutoff) && Files.deleteIfExists(file)) {
                    deleted++;
                }
            }
        } catch (IOException e) {
            LOG.warn("cannot clean the uploads directory: {}", e.getMessage());
        }
        return deleted;
    }
}
