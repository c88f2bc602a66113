package dev.dbspec.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dbspec.host.upload.UploadFiles;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Uploaded files: owner-only (0600 in a 0700 directory), bounded (nothing left past the limit), named by the server. */
class UploadFilesTest {
    @TempDir
    Path dir;

    @Test
    void filesAreOwnerOnlyAndBounded() throws Exception {
        UploadFiles files = new UploadFiles(dir.resolve("uploads"));
        String id = files.receive(new ByteArrayInputStream("a,b\n1,2\n".getBytes(StandardCharsets.UTF_8)), 100);
        Path file = files.file(id);
        assertThat(id).matches("[0-9a-f-]{36}");
        assertThat(Files.readString(file)).isEqualTo("a,b\n1,2\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(files.directory()))).isEqualTo("rwx------");
        files.delete(id);
        assertThat(file).doesNotExist();

        assertThatThrownBy(() -> files.receive(new ByteArrayInputStream(new byte[101]), 100))
                .isInstanceOf(UploadFiles.TooLargeException.class).hasMessageContaining("100 bytes");
        try (Stream<Path> left = Files.list(files.directory())) {
            assertThat(left).as("the partial file is deleted").isEmpty();
        }
        String old = files.receive(new ByteArrayInputStream(new byte[1]), 100);
        Files.setLastModifiedTime(files.file(old), java.nio.file.attribute.FileTime.fromMillis(0));
        String fresh = files.receive(new ByteArrayInputStream(new byte[1]), 100);
        assertThat(files.deleteOlderThan(Duration.ofDays(1))).isEqualTo(1);
        assertThat(files.file(old)).doesNotExist();
        assertThat(files.file(fresh)).exists();
    }

    /**
     * A task reads a body while it arrives: {@code started} is told after the first megabyte, a reader then waits at the
     * end of what has arrived, reads every byte, and sees the end only once the body is whole; a body that fails midway
     * fails its reader (never a clean, short end) and leaves nothing behind.
     */
    @Test
    void aBodyIsReadWhileItArrives() throws Exception {
        UploadFiles files = new UploadFiles(dir.resolve("uploads"));
        byte[] expected = new byte[UploadFiles.EARLY_START_BYTES * 3];
        new java.util.Random(7).nextBytes(expected);
        java.util.concurrent.CountDownLatch rest = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CompletableFuture<byte[]> read = new java.util.concurrent.CompletableFuture<>();
        java.util.concurrent.atomic.AtomicLong readBeforeRest = new java.util.concurrent.atomic.AtomicLong();
        java.io.InputStream body = new SlowBody(expected, UploadFiles.EARLY_START_BYTES + 100, rest, false);
        UploadFiles.Received received = files.receive(body, Long.MAX_VALUE, id -> {
            Thread reader = new Thread(() -> {
                try (java.io.InputStream in = files.open(id)) {
                    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
                    byte[] buffer = new byte[8192];
                    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                        out.write(buffer, 0, n);
                        if (rest.getCount() > 0) {
                            readBeforeRest.set(out.size());
                            if (out.size() == UploadFiles.EARLY_START_BYTES + 100) {
                                rest.countDown(); // everything sent so far was read: let the rest come
                            }
                        }
                    }
                    read.complete(out.toByteArray());
                } catch (Exception e) {
                    read.completeExceptionally(e);
                }
            });
            reader.start();
        });
        assertThat(received.bytes()).isEqualTo(expected.length);
        assertThat(readBeforeRest.get()).as("the reader had the first part before the rest was sent")
                .isEqualTo(UploadFiles.EARLY_START_BYTES + 100);
        assertThat(read.get(30, java.util.concurrent.TimeUnit.SECONDS)).as("every byte, in order").isEqualTo(expected);
        assertThat(files.file(received.uploadId())).exists();

        // a body failing midway: the reader fails (it never sees a clean end), and nothing is left
        java.util.concurrent.CountDownLatch never = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CompletableFuture<Throwable> failure = new java.util.concurrent.CompletableFuture<>();
        assertThatThrownBy(() -> files.receive(new SlowBody(expected, UploadFiles.EARLY_START_BYTES + 100, never, true), Long.MAX_VALUE, id -> {
            Thread reader = new Thread(() -> {
                try (java.io.InputStream in = files.open(id)) {
                    byte[] buffer = new byte[8192];
                    long total = 0;
                    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                        total += n;
                        if (total == UploadFiles.EARLY_START_BYTES + 100) {
                            never.countDown(); // the body may fail now
                        }
                    }
                    failure.complete(null);
                } catch (Throwable e) {
                    failure.complete(e);
                }
            });
            reader.start();
        })).isInstanceOf(java.io.IOException.class).hasMessageContaining("client went away");
        assertThat(failure.get(30, java.util.concurrent.TimeUnit.SECONDS)).as("the reader of a broken body fails")
                .isInstanceOf(UploadFiles.IncompleteException.class);
        try (Stream<Path> left = Files.list(files.directory())) {
            assertThat(left.filter(p -> !p.getFileName().toString().startsWith(received.uploadId()))).isEmpty();
        }
    }

    /** Sends {@code bytes}, stopping after {@code pause} bytes until {@code go} opens; then the rest, or a failure. */
    private static final class SlowBody extends java.io.InputStream {
        private final byte[] bytes;
        private final int pause;
        private final java.util.concurrent.CountDownLatch go;
        private final boolean fail;
        private int at;

        SlowBody(byte[] bytes, int pause, java.util.concurrent.CountDownLatch go, boolean fail) {
            this.bytes = bytes;
            this.pause = pause;
            this.go = go;
            this.fail = fail;
        }

        @Override
        public int read() throws java.io.IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws java.io.IOException {
            if (at == pause) {
                try {
                    if (!go.await(30, java.util.concurrent.TimeUnit.SECONDS)) {
                        throw new java.io.IOException("the reader never caught up");
                    }
                } catch (InterruptedException e) {
                    throw new java.io.InterruptedIOException();
                }
                if (fail) {
                    throw new java.io.IOException("the client went away");
                }
            }
            if (at == bytes.length) {
                return -1;
            }
            int n = Math.min(length, (at < pause ? pause : bytes.length) - at);
            System.arraycopy(bytes, at, buffer, offset, n);
            at += n;
            return n;
        }
    }
}
