package io.lading.storage.s3;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

import java.net.URI;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UnsignedPayloadOverHttpTest {
    private static SignedRequest sign(String uri) {
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.PUT).uri(URI.create(uri))
                .putHeader("Content-Length", "5").build();
        return new UnsignedPayloadOverHttp().signer().sign(r -> r
                .identity(AwsCredentialsIdentity.create("AKIDEXAMPLE", "not-a-real-key"))
                .request(request)
                .payload(ContentStreamProvider.fromString("hello", StandardCharsets.UTF_8))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1"));
    }

    @Test
    void anHttpRequestIsSignedWithAnUnsignedPayloadAndStaysHttp() {
        SignedRequest signed = sign("http://127.0.0.1:9000/bucket/key");
        assertEquals("UNSIGNED-PAYLOAD", signed.request().firstMatchingHeader("x-amz-content-sha256").orElseThrow());
        assertEquals("http", signed.request().protocol());
        assertEquals(9000, signed.request().port());
        assertTrue(signed.request().firstMatchingHeader("Authorization").orElseThrow().startsWith("AWS4-HMAC-SHA256 "));
    }

    @Test
    void theDefaultHttpPortKeepsTheHostHeaderHttpSends() {
        SignedRequest signed = sign("http://store.example/bucket/key");
        assertEquals("http", signed.request().protocol());
        assertEquals(80, signed.request().port());
        assertEquals("store.example", signed.request().firstMatchingHeader("Host").orElseThrow());
        assertEquals("UNSIGNED-PAYLOAD", signed.request().firstMatchingHeader("x-amz-content-sha256").orElseThrow());
    }

    @Test
    void httpsIsSignedAsTheSdkSignsIt() {
        SignedRequest signed = sign("https://127.0.0.1:9443/bucket/key");
        assertEquals("https", signed.request().protocol());
        assertEquals(9443, signed.request().port());
    }
}
