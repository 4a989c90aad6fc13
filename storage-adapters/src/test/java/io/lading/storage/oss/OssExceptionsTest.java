package io.lading.storage.oss;

import com.aliyun.oss.ClientException;
import com.aliyun.oss.OSSException;
import io.lading.storage.Location;
import io.lading.storage.StorageException;
import io.lading.storage.StorageException.Reason;
import org.junit.jupiter.api.Test;

import java.net.SocketException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Translation of the Aliyun SDK's exceptions: reason, retryable, a message without the SDK's request dump. */
class OssExceptionsTest {
    private static final Location FILE = Location.parse("oss://bucket/data/x.csv");

    private static OSSException service(String code) {
        return new OSSException("msg with AccessKeyId LTAIsecret", code, "req", "host", null, null, "GET");
    }

    @Test
    void classification() {
        record Case(String code, Reason reason, boolean retryable) {
        }
        for (Case c : new Case[] {
                new Case("NoSuchBucket", Reason.NO_SUCH_BUCKET, false),
                new Case("NoSuchKey", Reason.NOT_FOUND, false),
                new Case("AccessDenied", Reason.ACCESS_DENIED, false),
                new Case("InvalidAccessKeyId", Reason.ACCESS_DENIED, false),
                new Case("SignatureDoesNotMatch", Reason.ACCESS_DENIED, false),
                new Case("SlowDown", Reason.THROTTLED, true),
                new Case("InternalError", Reason.SERVER_ERROR, true),
                new Case("ServiceUnavailable", Reason.SERVER_ERROR, true),
                new Case("InvalidArgument", Reason.OTHER, false),
                new Case(null, Reason.OTHER, false)}) {
            StorageException e = OssExceptions.translate(FILE, "http://endpoint", service(c.code));
            assertEquals(c.reason, e.reason(), String.valueOf(c));
            assertEquals(c.retryable, e.retryable(), String.valueOf(c));
            assertFalse(e.getMessage().contains("LTAI"), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
        }
        assertEquals("access denied to oss://bucket/data/x.csv (InvalidAccessKeyId): check the credentials"
                + " (OSS_ACCESS_KEY_ID / OSS_ACCESS_KEY_SECRET / OSS_SESSION_TOKEN) and the bucket's permissions",
                OssExceptions.translate(FILE, "http://endpoint", service("InvalidAccessKeyId")).getMessage());
    }

    @Test
    void connectionResetIsRetryable() {
        ClientException reset = new ClientException("Connection reset", "SocketException", "req", new SocketException("Connection reset"));
        StorageException e = OssExceptions.translate(FILE, "http://endpoint", reset);
        assertEquals(Reason.IO, e.reason());
        assertTrue(e.retryable());
        assertTrue(OssExceptions.retryable(reset, -1));
        assertTrue(OssExceptions.retryable(service("SlowDown"), 503));
        assertFalse(OssExceptions.retryable(service("AccessDenied"), 403));
    }
}
