package io.lading.storage.s3;

import com.sun.net.httpserver.HttpServer;
import io.lading.storage.Location;
import io.lading.storage.StorageException;
import io.lading.storage.StorageException.Reason;
import io.lading.storage.StoreCredentials;
import io.lading.storage.StoreOptions;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The SDK's retry policy as configured: bounded attempts on retryable failures, none on others. */
class S3RetryTest {
    private static final Location FILE = Location.parse("s3://bucket/data/x.csv");

    /** A server that answers every request with {@code status} and an S3 error {@code code}. */
    private static int countAttempts(int status, String code) throws IOException {
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            byte[] body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message>injected</Message>"
                    + "<RequestId>1</RequestId></Error>").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/xml");
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        StoreOptions options = new StoreOptions("http://127.0.0.1:" + server.getAddress().getPort(), null, true);
        try (S3ObjectStore store = S3ObjectStore.open(options, new StoreCredentials("a", "b"))) {
            StorageException e = assertThrows(StorageException.class, () -> store.list(FILE, false));
            lastFailure = e;
            return requests.get();
        }
        finally {
            server.stop(0);
        }
    }

    private static StorageException lastFailure;

    @Test
    void serverErrorsAreRetriedABoundedNumberOfTimes() throws IOException {
        assertEquals(S3ObjectStore.MAX_ATTEMPTS, countAttempts(500, "InternalError"));
        assertEquals(Reason.SERVER_ERROR, lastFailure.reason());
        assertTrue(lastFailure.retryable());
        assertEquals("S3 server error on s3://bucket/data/x.csv (HTTP 500 InternalError) after retries", lastFailure.getMessage());
    }

    @Test
    void clientErrorsAreNotRetried() throws IOException {
        assertEquals(1, countAttempts(400, "InvalidRequest"));
        assertEquals(Reason.OTHER, lastFailure.reason());
        assertFalse(lastFailure.retryable());
        assertEquals("S3 request on s3://bucket/data/x.csv failed (HTTP 400 InvalidRequest)", lastFailure.getMessage());
    }

    private static S3Exception serviceError(int status, String code) {
        return (S3Exception) S3Exception.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage("m").build()).message("m").build();
    }

    @Test
    void classification() {
        record Case(int status, String code, Reason reason, boolean retryable) {
        }
        for (Case c : new Case[] {
                new Case(503, "SlowDown", Reason.THROTTLED, true),
                new Case(429, "TooManyRequests", Reason.THROTTLED, true),
                new Case(400, "Throttling", Reason.THROTTLED, true),
                new Case(408, "RequestTimeout", Reason.SERVER_ERROR, true),
                new Case(500, "InternalError", Reason.SERVER_ERROR, true),
                new Case(502, null, Reason.SERVER_ERROR, true),
                new Case(503, "ServiceUnavailable", Reason.SERVER_ERROR, true),
                new Case(504, null, Reason.SERVER_ERROR, true),
                new Case(403, "AccessDenied", Reason.ACCESS_DENIED, false),
                new Case(403, "InvalidAccessKeyId", Reason.ACCESS_DENIED, false),
                new Case(403, "SignatureDoesNotMatch", Reason.ACCESS_DENIED, false),
                new Case(404, "NoSuchBucket", Reason.NO_SUCH_BUCKET, false),
                new Case(404, "NoSuchKey", Reason.NOT_FOUND, false),
                new Case(400, "InvalidArgument", Reason.OTHER, false)}) {
            StorageException e = S3Exceptions.translate(FILE, "http://endpoint", serviceError(c.status, c.code));
            assertEquals(c.reason, e.reason(), c.toString());
            assertEquals(c.retryable, e.retryable(), c.toString());
            assertTrue(e.getMessage().contains(c.reason == Reason.NO_SUCH_BUCKET ? "'bucket'" : FILE.toString()), e.getMessage());
        }
        StorageException reset = S3Exceptions.translate(FILE, "http://endpoint",
                SdkClientException.create("Unable to execute HTTP request", new SocketException("Connection reset")));
        assertEquals(Reason.IO, reset.reason());
        assertTrue(reset.retryable());
        assertEquals("connection to the S3 endpoint http://endpoint failed for s3://bucket/data/x.csv (Connection reset) after retries",
                reset.getMessage());
    }
}
