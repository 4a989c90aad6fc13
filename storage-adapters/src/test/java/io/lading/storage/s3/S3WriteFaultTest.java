package io.lading.storage.s3;

import io.lading.storage.Location;
import io.lading.storage.ObjectWrite;
import io.lading.storage.StorageException;
import io.lading.storage.testing.S3ProxyServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsRequest;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

import java.io.IOException;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Faults injected by a delegating spy around a real S3Client talking to S3Proxy. */
class S3WriteFaultTest {
    private static S3ProxyServer server;
    private static S3Client real;

    @BeforeAll
    static void start() {
        server = S3ProxyServer.start();
        server.createBucket("faults");
        real = S3ObjectStore.newClient(server.storeOptions(), server.credentials());
    }

    @AfterAll
    static void stop() {
        real.close();
        server.close();
    }

    /** Passes everything to the real client, fails the chosen part upload, counts aborts. */
    static final class Spy implements S3Client {
        final AtomicInteger aborts = new AtomicInteger();
        final AtomicInteger partUploads = new AtomicInteger();
        final int failingPart;
        final boolean failAbort;

        Spy(int failingPart, boolean failAbort) {
            this.failingPart = failingPart;
            this.failAbort = failAbort;
        }

        @Override
        public UploadPartResponse uploadPart(UploadPartRequest request, RequestBody body) {
            partUploads.incrementAndGet();
            if (request.partNumber() == failingPart) {
                throw S3Exception.builder().statusCode(400)
                        .awsErrorDetails(AwsErrorDetails.builder().errorCode("InvalidPart").errorMessage("injected").build())
                        .message("injected").build();
            }
            return real.uploadPart(request, body);
        }

        @Override
        public AbortMultipartUploadResponse abortMultipartUpload(AbortMultipartUploadRequest request) {
            aborts.incrementAndGet();
            AbortMultipartUploadResponse response = real.abortMultipartUpload(request);
            if (failAbort) {
                throw S3Exception.builder().statusCode(500)
                        .awsErrorDetails(AwsErrorDetails.builder().errorCode("InternalError").build()).message("injected").build();
            }
            return response;
        }

        @Override
        public PutObjectResponse putObject(PutObjectRequest request, RequestBody body) {
            return real.putObject(request, body);
        }

        @Override
        public CreateMultipartUploadResponse createMultipartUpload(CreateMultipartUploadRequest request) {
            return real.createMultipartUpload(request);
        }

        @Override
        public CompleteMultipartUploadResponse completeMultipartUpload(CompleteMultipartUploadRequest request) {
            return real.completeMultipartUpload(request);
        }

        @Override
        public HeadObjectResponse headObject(HeadObjectRequest request) {
            return real.headObject(request);
        }

        @Override
        public software.amazon.awssdk.services.s3.model.HeadBucketResponse headBucket(
                software.amazon.awssdk.services.s3.model.HeadBucketRequest request) {
            return real.headBucket(request);
        }

        @Override
        public ListMultipartUploadsResponse listMultipartUploads(ListMultipartUploadsRequest request) {
            return real.listMultipartUploads(request);
        }

        @Override
        public String serviceName() {
            return real.serviceName();
        }

        @Override
        public void close() {
        }
    }

    private static byte[] data(int size) {
        byte[] b = new byte[size];
        new Random(7).nextBytes(b);
        return b;
    }

    private static boolean nothingPending() {
        return real.listMultipartUploads(b -> b.bucket("faults")).uploads().isEmpty();
    }

    @Test
    void failedPartUploadAbortsExactlyOnceAndLeavesNothing() {
        Spy spy = new Spy(2, false);
        S3ObjectStore store = new S3ObjectStore(spy, server.endpoint().toString());
        Location file = S3ProxyServer.location("faults", "part-fails.bin");
        StorageException e = assertThrows(StorageException.class, () -> {
            try (ObjectWrite write = store.create(file)) {
                write.output().write(data(16 << 20)); // parts 1, 2 (fails), ...
                write.commit();
            }
        });
        assertEquals("S3 request on " + file + " failed (HTTP 400 InvalidPart)", e.getMessage());
        assertEquals(2, spy.partUploads.get());
        assertEquals(1, spy.aborts.get());
        assertTrue(store.stat(file).isEmpty());
        assertTrue(nothingPending());
    }

    @Test
    void failedLastPartAtCommitAbortsOnce() throws IOException {
        Spy spy = new Spy(2, false);
        S3ObjectStore store = new S3ObjectStore(spy, server.endpoint().toString());
        Location file = S3ProxyServer.location("faults", "last-part-fails.bin");
        ObjectWrite write = store.create(file);
        write.output().write(data((5 << 20) + 100)); // part 1 uploaded; part 2 is the last, sent by commit
        assertThrows(StorageException.class, write::commit);
        write.close();
        write.abort();
        assertEquals(1, spy.aborts.get());
        assertTrue(store.stat(file).isEmpty());
        assertTrue(nothingPending());
    }

    @Test
    void abortFailureIsSuppressedIntoTheFirstError() {
        Spy spy = new Spy(1, true);
        S3ObjectStore store = new S3ObjectStore(spy, server.endpoint().toString());
        Location file = S3ProxyServer.location("faults", "abort-fails.bin");
        StorageException e = assertThrows(StorageException.class, () -> {
            try (ObjectWrite write = store.create(file)) {
                write.output().write(data(6 << 20));
            }
        });
        // the first failure is the part upload (part 1 fails once part 2 begins); the abort's is suppressed
        assertTrue(e.getMessage().contains("InvalidPart"), e.getMessage());
        assertEquals(1, e.getSuppressed().length);
        assertTrue(e.getSuppressed()[0].getMessage().startsWith("could not abort the multipart upload of " + file), e.getSuppressed()[0].getMessage());
        assertEquals(1, spy.aborts.get());
        assertFalse(store.stat(file).isPresent());
    }
}
