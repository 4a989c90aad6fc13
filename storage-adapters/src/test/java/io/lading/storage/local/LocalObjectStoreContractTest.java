package io.lading.storage.local;

import io.lading.storage.AbstractObjectStoreContractTest;
import io.lading.storage.Location;
import io.lading.storage.StorageException;
import io.lading.storage.testing.TestStoreServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The contract on the local store, rooted in a temporary folder instead of '/'. */
final class LocalObjectStoreContractTest extends AbstractObjectStoreContractTest {
    private LocalStoreServer local;

    @Override
    protected TestStoreServer startServer() {
        local = LocalStoreServer.start();
        return local;
    }

    /** A folder checks no credentials. */
    @Override
    protected boolean supportsSignatures() {
        return false;
    }

    /** A file is written whole to a temporary sibling and moved into place, at any size. */
    @Override
    protected boolean usesMultipartUploads() {
        return false;
    }

    // Published files are for other users too (a warehouse loader, a copy job): the umask decides
    // their mode, as for any file the user writes, not a temporary file's 0600.
    @Test
    void committedFilesGetTheUmaskModeNotATemporaryFilesMode() throws IOException {
        Location bucket = newBucket();
        write(bucket.withKey("exports/part-0.csv"), new byte[] {1});
        Path plain = Files.createFile(local.root().resolve(bucket.bucket()).resolve("exports/plain"));
        assertEquals(Files.getPosixFilePermissions(plain),
                Files.getPosixFilePermissions(local.root().resolve(bucket.bucket()).resolve("exports/part-0.csv")));
    }

    // A file system cannot hold an object and a folder of the same name; S3 can. Clear error here.
    @Test
    void objectAndFolderOfTheSameNameIsAClearError() {
        Location bucket = newBucket();
        write(bucket.withKey("test/filename"), new byte[] {1});
        StorageException e = assertThrows(StorageException.class, () -> store().create(bucket.withKey("test/filename/aa")));
        assertEquals(StorageException.Reason.ALREADY_EXISTS, e.reason());
        assertEquals("cannot write file:///" + bucket.bucket() + "/test/filename/aa: 'test/filename' is an object,"
                + " and the local store cannot hold an object and a folder of the same name", e.getMessage());

        write(bucket.withKey("dir/aa"), new byte[] {1});
        e = assertThrows(StorageException.class, () -> store().create(bucket.withKey("dir")));
        assertTrue(e.getMessage().contains("a folder of that name exists"), e.getMessage());
    }
}
