package io.lading.storage;

import io.lading.storage.StorageException.Reason;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The contract of a store reached through an endpoint (S3, OSS): a wrong endpoint is one clear error. */
public abstract class AbstractRemoteObjectStoreContractTest extends AbstractObjectStoreContractTest {
    @Test
    public void unreachableEndpointIsABadEndpoint() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort(); // closed again: nothing listens there
        }
        Location file = newBucket().withKey("data/x.csv");
        try (ObjectStore unreachable = server().openStoreAt("http://127.0.0.1:" + port)) {
            StorageException e = assertThrows(StorageException.class, () -> unreachable.list(file, false));
            assertEquals(Reason.BAD_ENDPOINT, e.reason(), e.getMessage());
            assertEquals("cannot reach the " + file.scheme() + " endpoint http://127.0.0.1:" + port + " for " + file + ":"
                    + " connection refused; check --endpoint or ?endpoint= and that the server is running", e.getMessage());
        }
    }

    @Test
    public void unknownHostIsABadEndpoint() {
        Location file = newBucket().withKey("data/x.csv");
        try (ObjectStore unreachable = server().openStoreAt("http://no-such-host.invalid:9000")) {
            StorageException e = assertThrows(StorageException.class, () -> unreachable.stat(file));
            assertEquals(Reason.BAD_ENDPOINT, e.reason(), e.getMessage());
            assertTrue(e.getMessage().contains("unknown host"), e.getMessage());
        }
    }

    @Test
    public void partUploadsSendPartsInAnyOrderListThemAndComplete() {
        PartUploads uploads = store().partUploads().orElseThrow();
        Location target = newBucket().withKey("parts/object.bin");
        byte[] data = bytes((5 << 20) * 2 + 10, 51);
        byte[] part1 = java.util.Arrays.copyOfRange(data, 0, 5 << 20);
        byte[] part2 = java.util.Arrays.copyOfRange(data, 5 << 20, 10 << 20);
        byte[] part3 = java.util.Arrays.copyOfRange(data, 10 << 20, data.length);
        String id = uploads.start(target, java.util.Map.of("lading-source", "etag-x"));
        assertEquals(java.util.List.of(id), uploads.openUploads(target));
        PartUploads.Part third = uploads.uploadPart(target, id, 3, java.util.Arrays.copyOf(part3, 100), part3.length); // a longer array, sent in part
        PartUploads.Part first = uploads.uploadPart(target, id, 1, part1, part1.length);
        assertEquals(java.util.List.of(1, 3), uploads.listParts(target, id).stream().map(PartUploads.Part::number).toList());
        assertEquals(java.util.List.of(first.etag(), third.etag()), uploads.listParts(target, id).stream().map(PartUploads.Part::etag).toList());
        assertEquals(java.util.List.of((long) part1.length, (long) part3.length),
                uploads.listParts(target, id).stream().map(PartUploads.Part::size).toList());
        PartUploads.Part second = uploads.uploadPart(target, id, 2, part2, part2.length);
        assertTrue(store().stat(target).isEmpty(), "nothing visible before completion");
        uploads.complete(target, id, java.util.List.of(first, second, third));
        assertTrue(java.util.Arrays.equals(data, read(target, 0, -1)));
        if (returnsUserMetadata()) {
            assertEquals(java.util.Map.of("lading-source", "etag-x"), store().details(target).orElseThrow().metadata());
        }
        assertEquals(java.util.List.of(), uploads.openUploads(target), "a completed upload is no longer open");
    }

    @Test
    public void anAbortedPartUploadLeavesNothing() {
        PartUploads uploads = store().partUploads().orElseThrow();
        Location target = newBucket().withKey("parts/aborted.bin");
        String id = uploads.start(target, java.util.Map.of());
        uploads.uploadPart(target, id, 1, bytes(1000, 52), 1000);
        uploads.abort(target, id);
        uploads.abort(target, id); // gone already: ignored
        assertEquals(java.util.List.of(), uploads.openUploads(target));
        assertTrue(store().stat(target).isEmpty());
        String etag = uploads.putObject(target, "abcdefgh".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 6, java.util.Map.of());
        assertEquals(32, etag.length(), "a single PUT from memory has an MD5 ETag: " + etag);
        assertEquals("abcdef", new String(read(target, 0, -1), java.nio.charset.StandardCharsets.US_ASCII));

        byte[] data = bytes((6 << 20) + 1, 53); // streamed: no buffer of the object, however large
        Location streamed = target.withKey("parts/streamed.bin");
        String streamedEtag = uploads.putObject(streamed, () -> new java.io.ByteArrayInputStream(data), data.length,
                java.util.Map.of("lading-source", "etag-y"));
        assertEquals(32, streamedEtag.length(), streamedEtag);
        assertTrue(java.util.Arrays.equals(data, read(streamed, 0, -1)));
        if (returnsUserMetadata()) {
            assertEquals(java.util.Map.of("lading-source", "etag-y"), store().details(streamed).orElseThrow().metadata());
        }
    }
}
