package io.lading.unloader;

import io.lading.storage.local.LocalStoreServer;
import io.lading.storage.testing.TestStoreServer;

/** The server-side unload's moves into a local folder: copies are a temporary sibling and an atomic move. */
class ServerUnloadLocalTest extends AbstractServerUnloadTest {
    @Override
    protected TestStoreServer startServer() {
        return LocalStoreServer.start();
    }
}
