package io.lading.storage.oss;

import com.aliyun.oss.common.comm.RequestMessage;
import com.aliyun.oss.common.comm.ResponseMessage;
import com.aliyun.oss.common.comm.RetryStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OSS SDK's retry hook: retries what {@link OssExceptions} calls retryable, with exponential
 * backoff, and logs each retry. The SDK bounds the attempts ({@code maxErrorRetry}).
 */
final class LoggingRetryStrategy extends RetryStrategy {
    private static final Logger LOG = LoggerFactory.getLogger(OssObjectStore.class);

    private final int maxRetries;

    LoggingRetryStrategy(int maxRetries) {
        this.maxRetries = maxRetries;
    }

    @Override
    public boolean shouldRetry(Exception e, RequestMessage request, ResponseMessage response, int retries) {
        int status = response == null ? -1 : response.getStatusCode();
        boolean retry = OssExceptions.retryable(e, status);
        if (retry) {
            LOG.warn("retrying OSS {} {} (retry {} of {}) after {}", request.getMethod(),
                    request.getResourcePath() == null ? "" : request.getResourcePath(), retries + 1, maxRetries,
                    status > 0 ? "HTTP " + status : e.getClass().getSimpleName());
        }
        return retry;
    }

    @Override
    public long getPauseDelay(int retries) {
        return Math.min(10_000L, 200L << Math.min(retries, 10));
    }
}
