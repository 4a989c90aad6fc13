package io.lading.storage.s3;

import io.lading.storage.Location;
import io.lading.storage.StorageException;
import io.lading.storage.StorageException.Reason;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Set;

/**
 * The one place where AWS SDK exceptions become {@link StorageException}s. Messages name the
 * location and the endpoint, never a credential: the SDK's own text is used only for errors that
 * carry no request data.
 */
final class S3Exceptions {
    private static final Set<Integer> RETRYABLE_STATUS = Set.of(408, 429, 500, 502, 503, 504);
    private static final Set<String> DENIED_CODES = Set.of("AccessDenied", "InvalidAccessKeyId",
            "SignatureDoesNotMatch", "ExpiredToken", "InvalidToken", "TokenRefreshRequired", "AllAccessDisabled");
    private static final Set<String> THROTTLING_CODES = Set.of("SlowDown", "Throttling", "ThrottlingException",
            "RequestLimitExceeded", "TooManyRequests", "RequestThrottled");

    private S3Exceptions() {
    }

    static StorageException translate(Location location, String endpoint, SdkException e) {
        if (e instanceof AwsServiceException s) {
            int status = s.statusCode();
            String code = s.awsErrorDetails() == null || s.awsErrorDetails().errorCode() == null
                    || s.awsErrorDetails().errorCode().isBlank() ? null : s.awsErrorDetails().errorCode();
            String known = code == null ? "" : code; // Set.of(...).contains(null) throws
            if (e instanceof NoSuchBucketException || "NoSuchBucket".equals(code)) {
                return new StorageException(Reason.NO_SUCH_BUCKET, false,
                        "bucket '" + location.bucket() + "' does not exist (location " + location + ", endpoint " + endpoint + ")", e);
            }
            if (e instanceof NoSuchKeyException || "NoSuchKey".equals(code) || status == 404) {
                return new StorageException(Reason.NOT_FOUND, false, "object " + location + " does not exist", e);
            }
            if (status == 412 || "PreconditionFailed".equals(code)) {
                return new StorageException(Reason.CHANGED, false, "object " + location + " changed: its ETag no longer matches ("
                        + (code == null ? "HTTP " + status : code) + ")", e);
            }
            if (status == 403 || DENIED_CODES.contains(known) || status == 401) {
                return new StorageException(Reason.ACCESS_DENIED, false, "access denied to " + location
                        + " (" + (code == null ? "HTTP " + status : code) + "): check the credentials"
                        + " (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN or the AWS profile)"
                        + " and the bucket's permissions", e);
            }
            if (s.isThrottlingException() || status == 429 || THROTTLING_CODES.contains(known)) {
                return new StorageException(Reason.THROTTLED, true, "S3 throttled requests on " + location
                        + " (" + (code == null ? "HTTP " + status : code) + ") after retries; try fewer parallel workers", e);
            }
            String what = "HTTP " + status + (code == null ? "" : " " + code);
            if (RETRYABLE_STATUS.contains(status)) {
                return new StorageException(Reason.SERVER_ERROR, true, "S3 server error on " + location + " (" + what
                        + ") after retries", e);
            }
            return new StorageException(Reason.OTHER, false, "S3 request on " + location + " failed (" + what + ")", e);
        }
        Throwable root = rootCause(e);
        if (root instanceof UnknownHostException) {
            return new StorageException(Reason.BAD_ENDPOINT, false, "cannot reach the S3 endpoint " + endpoint + " for "
                    + location + ": unknown host; check --endpoint or ?endpoint=", e);
        }
        if (root instanceof ConnectException) {
            return new StorageException(Reason.BAD_ENDPOINT, false, "cannot reach the S3 endpoint " + endpoint + " for "
                    + location + ": connection refused; check --endpoint or ?endpoint= and that the server is running", e);
        }
        if (root instanceof SocketTimeoutException) {
            return new StorageException(Reason.IO, true, "S3 request on " + location + " timed out (endpoint "
                    + endpoint + ") after retries", e);
        }
        if (root instanceof SocketException) {
            return new StorageException(Reason.IO, true, "connection to the S3 endpoint " + endpoint + " failed for "
                    + location + " (" + firstLine(root.getMessage()) + ") after retries", e);
        }
        String message = firstLine(e.getMessage());
        if (message.contains("Unable to load credentials")) {
            return new StorageException(Reason.ACCESS_DENIED, false, "no AWS credentials for " + location
                    + ": set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or configure an AWS profile", e);
        }
        return new StorageException(Reason.OTHER, e.retryable(), "S3 request on " + location + " failed: " + message, e);
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            if (t instanceof UnknownHostException || t instanceof ConnectException) {
                return t;
            }
            t = t.getCause();
        }
        return t;
    }

    static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
