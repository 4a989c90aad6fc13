import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;

import java.net.URI;
import java.util.Properties;

/** S3Proxy with filesystem storage: BenchS3Proxy PORT DIR IDENTITY CREDENTIAL (its Main needs logging this class path lacks). */
public class BenchS3Proxy {
    public static void main(String[] args) throws Exception {
        Properties properties = new Properties();
        properties.setProperty("jclouds.filesystem.basedir", args[1]);
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(BlobStores.create("filesystem", properties))
                .endpoint(URI.create("http://127.0.0.1:" + args[0]))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, args[2], args[3])
                .ignoreUnknownHeaders(true)
                .build();
        proxy.start();
        Thread.currentThread().join();
    }
}
