import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;

import java.net.URI;
import java.util.Properties;

/**
 * S3Proxy with filesystem storage: BenchS3Proxy PORT DIR IDENTITY CREDENTIAL [KEYSTORE PASSWORD] (its
 * Main needs logging this class path lacks); with a key store it serves https on PORT instead of http.
 */
public class BenchS3Proxy {
    public static void main(String[] args) throws Exception {
        Properties properties = new Properties();
        properties.setProperty("jclouds.filesystem.basedir", args[1]);
        S3Proxy.Builder builder = S3Proxy.builder()
                .blobStore(BlobStores.create("filesystem", properties))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, args[2], args[3])
                .ignoreUnknownHeaders(true);
        if (args.length > 5) {
            builder.secureEndpoint(URI.create("https://127.0.0.1:" + args[0])).keyStore(args[4], args[5]);
        }
        else {
            builder.endpoint(URI.create("http://127.0.0.1:" + args[0]));
        }
        S3Proxy proxy = builder.build();
        proxy.start();
        Thread.currentThread().join();
    }
}
