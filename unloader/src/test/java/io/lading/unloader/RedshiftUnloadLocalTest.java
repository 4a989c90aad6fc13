package io.lading.unloader;

import io.lading.storage.local.LocalStoreServer;
import io.lading.storage.testing.TestStoreServer;

/** A Redshift unload adopted into a local folder: copies are a temporary sibling and an atomic move. */
class RedshiftUnloadLocalTest extends AbstractRedshiftUnloadTest {
    @Override
    protected TestStoreServer startServer() {
        return LocalStoreServer.start();
    }
}
