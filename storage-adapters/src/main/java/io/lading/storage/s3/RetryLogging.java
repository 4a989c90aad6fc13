package io.lading.storage.s3;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/** Logs every retry the SDK's retry strategy makes: which call, which attempt, after what. */
final class RetryLogging implements ExecutionInterceptor {
    private static final Logger LOG = LoggerFactory.getLogger(S3ObjectStore.class);
    private static final ExecutionAttribute<Integer> ATTEMPT = new ExecutionAttribute<>("lading.attempt");
    private static final ExecutionAttribute<String> LAST_OUTCOME = new ExecutionAttribute<>("lading.lastOutcome");

    private final int maxAttempts;

    RetryLogging(int maxAttempts) {
        this.maxAttempts = maxAttempts;
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        Integer previous = attributes.getAttribute(ATTEMPT);
        int attempt = previous == null ? 1 : previous + 1;
        attributes.putAttribute(ATTEMPT, attempt);
        if (attempt > 1) {
            String last = attributes.getAttribute(LAST_OUTCOME);
            attributes.putAttribute(LAST_OUTCOME, "");
            LOG.warn("retrying S3 {} on {} (attempt {} of {}) after {}",
                    attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME),
                    context.httpRequest().host(), attempt, maxAttempts, last == null || last.isEmpty() ? "a connection failure" : last);
        }
    }

    @Override
    public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
        attributes.putAttribute(LAST_OUTCOME, "HTTP " + context.httpResponse().statusCode());
    }
}
