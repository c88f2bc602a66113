package com.example.dbspec;

import dev.dbspec.testdb.PluginPackagingContract;

/** The kit's packaging contract on the zip `package` made: manifest met by the SPI, STARTED, one exampledb spec. */
class ExampleDbPackagingIT extends PluginPackagingContract {
    @Override
    protected String engineId() {
        return "exampledb";
    }
}
