package io.lading.storage.s3;

import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.scheme.AwsV4AuthScheme;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.AsyncSignRequest;
import software.amazon.awssdk.http.auth.spi.signer.AsyncSignedRequest;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.IdentityProvider;
import software.amazon.awssdk.identity.spi.IdentityProviders;

import java.util.concurrent.CompletableFuture;

/**
 * SigV4 that sends {@code UNSIGNED-PAYLOAD} over plain http as it does over https. The SDK signs
 * every payload chunk of an http request (a SHA-256 of every byte, which the server computes again),
 * which made a transfer between two http endpoints spend most of its CPU on signatures; Lading checks
 * every byte end to end itself (MD5 against the ETag, CRC-64), so the payload hash adds nothing. The
 * request is signed as its https twin: the signature covers method, path, query, headers and the
 * payload marker, never the scheme, and the Host header is kept as the http request sends it.
 */
final class UnsignedPayloadOverHttp implements AwsV4AuthScheme {
    private static final AwsV4AuthScheme STANDARD = AwsV4AuthScheme.create();
    private static final AwsV4HttpSigner SIGNER = new Signer(STANDARD.signer());

    @Override
    public String schemeId() {
        return STANDARD.schemeId();
    }

    @Override
    public IdentityProvider<AwsCredentialsIdentity> identityProvider(IdentityProviders providers) {
        return STANDARD.identityProvider(providers);
    }

    @Override
    public AwsV4HttpSigner signer() {
        return SIGNER;
    }

    static final class Signer implements AwsV4HttpSigner {
        private final AwsV4HttpSigner standard;

        Signer(AwsV4HttpSigner standard) {
            this.standard = standard;
        }

        @Override
        public SignedRequest sign(SignRequest<? extends AwsCredentialsIdentity> request) {
            SdkHttpRequest http = request.request();
            if (!"http".equalsIgnoreCase(http.protocol())) {
                return standard.sign(request);
            }
            int port = http.port();
            SignedRequest signed = standard.sign(asHttps(request, http.toBuilder().protocol("https").port(port == 80 ? 443 : port).build()));
            return signed.copy(b -> b.request(signed.request().toBuilder().protocol("http").port(port).build()));
        }

        private static <I extends AwsCredentialsIdentity> SignRequest<I> asHttps(SignRequest<I> request, SdkHttpRequest https) {
            return request.copy(b -> b.request(https).putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false));
        }

        @Override
        public CompletableFuture<AsyncSignedRequest> signAsync(AsyncSignRequest<? extends AwsCredentialsIdentity> request) {
            return standard.signAsync(request);
        }
    }
}
