import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.drill.common.config.DrillConfig;
import org.apache.drill.exec.server.Drillbit;
import org.apache.drill.exec.server.RemoteServiceSet;

/**
 * An embedded Drillbit (a local cluster of one, no ZooKeeper) listening for JDBC clients on 127.0.0.1 at the port given
 * as the first argument (the next one is its internal bit port), until the process is stopped. Its web server is off;
 * its stores live in a fresh temporary folder. Run with Java 17 in source-file mode by {@code .ci/engines/start}; the
 * tests reach it with drill-jdbc-all at {@code jdbc:drill:drillbit=127.0.0.1:PORT}.
 */
public final class DrillServer {
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        Path work = Files.createTempDirectory("dbspec-drill");
        Properties overrides = new Properties();
        overrides.setProperty("drill.exec.rpc.user.server.port", Integer.toString(port));
        overrides.setProperty("drill.exec.rpc.bit.server.port", Integer.toString(port + 1));
        overrides.setProperty("drill.exec.rpc.bind_addr", "127.0.0.1");
        overrides.setProperty("drill.exec.http.enabled", "false");
        overrides.setProperty("drill.exec.sys.store.provider.local.path", work.resolve("store").toString());
        overrides.setProperty("drill.tmp-dir", work.resolve("tmp").toString());
        Drillbit drillbit = new Drillbit(DrillConfig.create(overrides), RemoteServiceSet.getLocalServiceSet());
        drillbit.run();
        Runtime.getRuntime().addShutdownHook(new Thread(drillbit::close));
        System.out.println("dbspec-ci: Drill 127.0.0.1:" + drillbit.getUserPort() + " ready");
        Thread.currentThread().join();
    }
}
