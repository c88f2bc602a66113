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
}
