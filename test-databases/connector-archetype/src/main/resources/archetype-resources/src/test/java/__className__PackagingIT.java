package ${package};

import dev.dbspec.testdb.PluginPackagingContract;

/**
 * The packaging contract on the zip `mvn package` made (failsafe, after package): manifest present and met by the
 * SPI, plugin STARTED in a PF4J host with this one engine spec, the driver found in the zip's lib/.
 */
class ${className}PackagingIT extends PluginPackagingContract {
    @Override
    protected String engineId() {
        return "${engine}";
    }
}
