package io.lading.storage.oss;

import com.aliyun.oss.ClientErrorCode;
import com.aliyun.oss.ClientException;
import com.aliyun.oss.OSSErrorCode;
import com.aliyun.oss.OSSException;
import io.lading.storage.Location;
import io.lading.storage.StorageException;
import io.lading.storage.StorageException.Reason;

import java.util.Set;

/**
 * The one place where Aliyun OSS SDK exceptions become {@link StorageException}s. The SDK's own
 * messages are multi-line and quote the request, so only the error code is used.
 */
final class OssExceptions {
    static final Set<String> DENIED_CODES = Set.of(OSSErrorCode.ACCESS_DENIED, OSSErrorCode.ACCESS_FORBIDDEN,
            OSSErrorCode.INVALID_ACCESS_KEY_ID, OSSErrorCode.SIGNATURE_DOES_NOT_MATCH, "SecurityTokenExpired",
            "InvalidSecurityToken", "InvalidAccessKeySecret");
    static final Set<String> THROTTLING_CODES = Set.of("SlowDown", "Throttling", "TooManyRequests",
            "QpsLimitExceeded", "ServerBusy");
    static final Set<String> RETRYABLE_SERVER_CODES = Set.of(OSSErrorCode.INTERNAL_ERROR, OSSErrorCode.REQUEST_TIMEOUT,
            "ServiceUnavailable", "BadGateway", "GatewayTimeout");
    static final Set<String> RETRYABLE_CLIENT_CODES = Set.of(ClientErrorCode.SOCKET_EXCEPTION,
            ClientErrorCode.SOCKET_TIMEOUT, ClientErrorCode.CONNECTION_TIMEOUT);

    private OssExceptions() {
    }

    static StorageException translate(Location location, String endpoint, RuntimeException e) {
        if (e instanceof OSSException s) {
            String code = s.getErrorCode() == null ? "" : s.getErrorCode(); // Set.of(...).contains(null) throws
            if (OSSErrorCode.NO_SUCH_BUCKET.equals(code)) {
                return new StorageException(Reason.NO_SUCH_BUCKET, false,
                        "bucket '" + location.bucket() + "' does not exist (location " + location + ", endpoint " + endpoint + ")", e);
            }
            if (OSSErrorCode.NO_SUCH_KEY.equals(code)) {
                return new StorageException(Reason.NOT_FOUND, false, "object " + location + " does not exist", e);
            }
            if (OSSErrorCode.PRECONDITION_FAILED.equals(code)) {
                return new StorageException(Reason.CHANGED, false, "object " + location + " changed: its ETag no longer matches ("
                        + code + ")", e);
            }
            if (DENIED_CODES.contains(code)) {
                return new StorageException(Reason.ACCESS_DENIED, false, "access denied to " + location + " (" + code
                        + "): check the credentials (OSS_ACCESS_KEY_ID / OSS_ACCESS_KEY_SECRET / OSS_SESSION_TOKEN)"
                        + " and the bucket's permissions", e);
            }
            if (THROTTLING_CODES.contains(code)) {
                return new StorageException(Reason.THROTTLED, true, "OSS throttled requests on " + location + " (" + code
                        + ") after retries; try fewer parallel workers", e);
            }
            if (RETRYABLE_SERVER_CODES.contains(code)) {
                return new StorageException(Reason.SERVER_ERROR, true, "OSS server error on " + location + " (" + code
                        + ") after retries", e);
            }
            return new StorageException(Reason.OTHER, false, "OSS request on " + location + " failed ("
                    + (code.isEmpty() ? "no error code" : code) + ")", e);
        }
        if (e instanceof ClientException c) {
            String code = c.getErrorCode() == null ? "" : c.getErrorCode();
            if (hasCause(c, java.net.UnknownHostException.class)) {
                code = ClientErrorCode.UNKNOWN_HOST;
            }
            else if (hasCause(c, java.net.ConnectException.class)) {
                code = ClientErrorCode.CONNECTION_REFUSED;
            }
            if (ClientErrorCode.UNKNOWN_HOST.equals(code)) {
                return new StorageException(Reason.BAD_ENDPOINT, false, "cannot reach the OSS endpoint " + endpoint + " for "
                        + location + ": unknown host; check --endpoint or ?endpoint=", e);
            }
            if (ClientErrorCode.CONNECTION_REFUSED.equals(code)) {
                return new StorageException(Reason.BAD_ENDPOINT, false, "cannot reach the OSS endpoint " + endpoint + " for "
                        + location + ": connection refused; check --endpoint or ?endpoint= and that the server is running", e);
            }
            if (RETRYABLE_CLIENT_CODES.contains(code)) {
                return new StorageException(Reason.IO, true, "connection to the OSS endpoint " + endpoint + " failed for "
                        + location + " (" + code + ") after retries", e);
            }
            return new StorageException(Reason.OTHER, false, "OSS request on " + location + " failed ("
                    + (code.isEmpty() ? c.getClass().getSimpleName() : code) + ")", e);
        }
        return new StorageException(Reason.OTHER, false, "OSS request on " + location + " failed ("
                + e.getClass().getSimpleName() + ")", e);
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the SDK may try the call again, by the same classification as {@link #translate}. */
    static boolean retryable(Exception e, int status) {
        if (status == 408 || status == 429 || status == 500 || status == 502 || status == 503 || status == 504) {
            return true;
        }
        if (e instanceof OSSException s && s.getErrorCode() != null) {
            return THROTTLING_CODES.contains(s.getErrorCode()) || RETRYABLE_SERVER_CODES.contains(s.getErrorCode());
        }
        if (e instanceof ClientException c && c.getErrorCode() != null) {
            return RETRYABLE_CLIENT_CODES.contains(c.getErrorCode());
        }
        return false;
    }
}
