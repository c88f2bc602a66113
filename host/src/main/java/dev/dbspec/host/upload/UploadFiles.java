package dev.dbspec.host.upload;

import static java.util.Objects.requireNonNull;

import dev.dbspec.host.secrets.PrivateFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardCopyOption;
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
 *
 * <p>A body arrives as {@code <id>.csv.part} and is renamed {@code <id>.csv} once whole, so its task can start while the
 * body still arrives ({@link #receive(InputStream, long, Started)}): {@link #open} reads a growing file, waiting for more
 * bytes at its end until the rename says the body is whole, and fails with {@link IncompleteException} when the part
 * file disappears without becoming whole (the body was refused or the client went away). The engine's load then
 * overlaps the HTTP transfer instead of following it. The protocol lives in the file system, so a worker process sharing
 * the data directory follows it too (polling; a reader in this process is woken at each write).
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

    /** The body of an upload ended before it was whole: refused (too large) or abandoned by its client. */
    public static final class IncompleteException extends IOException {
        private static final long serialVersionUID = 1L;

        IncompleteException(String message) {
            super(message);
        }
    }

    /** Told once that a body has started to arrive; throwing abandons the body (its part file is deleted). */
    @FunctionalInterface
    public interface Started {
        void started(String uploadId) throws IOException;
    }

    /** Where a task reads an upload's body from: each {@link #open} starts at its first byte. */
    @FunctionalInterface
    public interface Body {
        InputStream open() throws IOException;
    }

    /** The body of upload {@code uploadId}, read with {@link #open(String)}. */
    public Body body(String uploadId) {
        requireNonNull(uploadId, "uploadId is null");
        return () -> open(uploadId);
    }

    /** A body that arrived whole. */
    public record Received(String uploadId, long bytes) {
    }

    /** {@link Started} is told once this many bytes are in the file (or the whole body, if smaller). */
    public static final int EARLY_START_BYTES = 1 << 20;
    /** A reader of a growing file gives up when it has not grown for this long (its receiver died). */
    static final Duration STALLED_AFTER = Duration.ofMinutes(2);

    /** Woken at each write, so readers in this process need not poll. */
    private final Object arrivals = new Object();

    public Path directory() {
        return directory;
    }

    /** The file of upload {@code uploadId} (which {@link UploadRequest} checked is a UUID). */
    public Path file(String uploadId) {
        return directory.resolve(uploadId + ".csv");
    }

    /** The file of upload {@code uploadId} while its body arrives. */
    Path partFile(String uploadId) {
        return directory.resolve(uploadId + ".csv.part");
    }

    /**
     * Streams {@code body} into a new 0600 file and returns the upload id naming it, once the body is whole.
     *
     * @throws TooLargeException past {@code maxBytes} (nothing is left behind)
     */
    public String receive(InputStream body, long maxBytes) throws IOException {
        return receive(body, maxBytes, uploadId -> { }).uploadId();
    }

    /**
     * Streams {@code body} into a new 0600 file, telling {@code started} once its first {@link #EARLY_START_BYTES} bytes
     * (or the whole body) are in it, so that its task can read it while the rest arrives.
     *
     * @throws TooLargeException past {@code maxBytes}; nothing is left behind, and a reader of the file fails
     */
    public Received receive(InputStream body, long maxBytes, Started started) throws IOException {
        requireNonNull(started, "started is null");
        PrivateFiles.createDirectories(directory);
        String uploadId = UUID.randomUUID().toString();
        Path part = partFile(uploadId);
        FileAttribute<?>[] attributes = PrivateFiles.isPosix(directory)
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PrivateFiles.OWNER_FILE)} : new FileAttribute<?>[0];
        Files.createFile(part, attributes);
        long total = 0;
        boolean told = false;
        try {
            try (OutputStream out = Files.newOutputStream(part, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                byte[] buffer = new byte[1 << 16];
                for (int read = body.read(buffer); read >= 0; read = body.read(buffer)) {
                    total += read;
                    if (total > maxBytes) {
                        throw new TooLargeException(maxBytes);
                    }
                    out.write(buffer, 0, read); // unbuffered: a reader sees these bytes now
                    wakeReaders();
                    if (!told && total >= EARLY_START_BYTES) {
                        told = true;
                        started.started(uploadId);
                    }
                }
            }
            try {
                Files.move(part, file(uploadId), StandardCopyOption.ATOMIC_MOVE);
            } catch (NoSuchFileException e) {
                // its task already ended (failed early, or was cancelled) and deleted the part file: nothing is waiting for it
                LOG.debug("upload {} ended before its body did", uploadId);
            }
            wakeReaders();
            if (!told) {
                told = true;
                started.started(uploadId);
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(part);
            Files.deleteIfExists(file(uploadId));
            wakeReaders();
            throw e;
        }
        return new Received(uploadId, total);
    }

    private void wakeReaders() {
        synchronized (arrivals) {
            arrivals.notifyAll();
        }
    }

    /** Whether upload {@code uploadId}'s body is here, whole or still arriving. */
    public boolean exists(String uploadId) {
        return Files.isRegularFile(file(uploadId)) || Files.isRegularFile(partFile(uploadId));
    }

    /**
     * Reads upload {@code uploadId}'s body from its first byte, waiting at the end of a body that is still arriving until
     * it is whole.
     *
     * @throws IncompleteException when there is no such body (its message names no path)
     */
    public InputStream open(String uploadId) throws IOException {
        Path whole = file(uploadId);
        try {
            return Files.newInputStream(whole);
        } catch (NoSuchFileException e) {
            // still arriving, or renamed whole between the two opens
        }
        try {
            return new Growing(uploadId, Files.newInputStream(partFile(uploadId)));
        } catch (NoSuchFileException e) {
            // renamed whole since the first open, or gone: the message names no path of this server
        }
        try {
            return Files.newInputStream(whole);
        } catch (NoSuchFileException e) {
            throw new IncompleteException("the upload's body did not arrive whole, or is gone (refused, abandoned by its client, "
                    + "expired or already loaded)");
        }
    }

    /** The part file of a body still arriving: at its end, waits for more bytes, the rename (whole) or the deletion (incomplete). */
    private final class Growing extends InputStream {
        private final String uploadId;
        private final InputStream in;
        private boolean whole;

        Growing(String uploadId, InputStream in) {
            this.uploadId = uploadId;
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int read = read(one, 0, 1);
            return read < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            long stalledSince = System.nanoTime();
            while (true) {
                int read = in.read(buffer, offset, length);
                if (read >= 0 || whole) {
                    return read;
                }
                if (Files.exists(file(uploadId))) {
                    whole = true; // renamed after its writer closed it: every byte is in; read them to the end
                    continue;
                }
                if (!Files.exists(partFile(uploadId))) {
                    throw new IncompleteException("the upload's body did not arrive whole (refused, or its client went away)");
                }
                if (System.nanoTime() - stalledSince > STALLED_AFTER.toNanos()) {
                    throw new IncompleteException("the upload's body stopped arriving for " + STALLED_AFTER.toMinutes() + " minutes");
                }
                synchronized (arrivals) {
                    try {
                        arrivals.wait(5); // woken by a write in this process; a worker process polls
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new java.io.InterruptedIOException("interrupted while the upload's body arrives");
                    }
                }
            }
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    public void delete(String uploadId) {
        try {
            Files.deleteIfExists(file(uploadId));
            Files.deleteIfExists(partFile(uploadId));
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
