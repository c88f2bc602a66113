package dev.dbspec.host.drivers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.eclipse.aether.artifact.DefaultArtifact;
import org.junit.jupiter.api.Test;

/** The names written into drivers/ come from artifact ids a downloaded POM may choose: only plain jar names pass. */
class DriverInstallerTest {
    @Test
    void plainArtifactNamesBecomeJarNames() {
        assertThat(DriverInstaller.safeJarName(new DefaultArtifact("io.trino:trino-jdbc:484"))).isEqualTo("trino-jdbc-484.jar");
        assertThat(DriverInstaller.safeJarName(new DefaultArtifact("com.microsoft.sqlserver:mssql-jdbc:13.2.1.jre11")))
                .isEqualTo("mssql-jdbc-13.2.1.jre11.jar");
        assertThat(DriverInstaller.safeJarName(new DefaultArtifact("g", "netty", "linux-x86_64", "jar", "4.2.1")))
                .isEqualTo("netty-4.2.1-linux-x86_64.jar");
    }

    @Test
    void namesThatWouldLeaveTheDriversFolderAreRefused() {
        for (String artifactId : new String[] {"../../bin/dbspec", "..", "a/b", "a\\b", ".hidden", "x\u0000y"}) {
            assertThatThrownBy(() -> DriverInstaller.safeJarName(new DefaultArtifact("g", artifactId, "", "jar", "1")))
                    .as(artifactId).isInstanceOf(DriverInstallException.class)
                    .satisfies(e -> assertThat(((DriverInstallException) e).kind()).isEqualTo(DriverInstallException.Kind.REFUSED));
        }
        assertThatThrownBy(() -> DriverInstaller.safeJarName(new DefaultArtifact("g", "a", "", "jar", "1/../../x")))
                .isInstanceOf(DriverInstallException.class);
    }

    @Test
    void repositoryUrlsAreHttpsOrFileOnly() {
        assertThat(DriverInstaller.repository("https://repo.maven.apache.org/maven2")).hasToString("https://repo.maven.apache.org/maven2/");
        assertThat(DriverInstaller.repository("file:///srv/repo/")).hasToString("file:///srv/repo/");
        for (String refused : new String[] {"http://repo.maven.apache.org/maven2/", "HTTP://x/", "ftp://x/", "jar:file:/x!/", "file://host/x",
                "file:relative", "https://u:p@x/", "https:///nohost", "//x/y", "repo"}) {
            assertThatThrownBy(() -> DriverInstaller.repository(refused)).as(refused).isInstanceOf(DriverInstallException.class);
        }
    }
}
