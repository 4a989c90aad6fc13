package io.lading.unloader;

import io.lading.storage.local.LocalStoreServer;
import io.lading.storage.testing.TestStoreServer;

/** The unload to a local folder: temporary siblings moved into place on commit. */
class UnloadLocalTest extends AbstractUnloadStoreTest {
    @Override
    protected TestStoreServer startServer() {
        return LocalStoreServer.start();
    }
}
