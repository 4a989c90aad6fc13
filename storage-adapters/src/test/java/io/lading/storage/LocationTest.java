package io.lading.storage;

import io.lading.common.LadingException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LocationTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "bucket/key|invalid location 'bucket/key': expected s3://bucket/key, oss://bucket/key or file:///absolute/path",
            "gs://b/k|invalid location 'gs://b/k': unknown scheme 'gs'; use s3://, oss:// or file://",
            "s3:///key|invalid location 's3:///key': the bucket is empty",
            "s3://|invalid location 's3://': the bucket is empty",
            "oss://../k|invalid location 'oss://../k': '..' is not a bucket name",
            "s3://b/a/../k|invalid location 's3://b/a/../k': '..' path segments are not allowed",
            "s3://b/./k|invalid location 's3://b/./k': '.' path segments are not allowed",
            "s3://b/a//k|invalid location 's3://b/a//k': empty path segment ('//') in the key",
            "s3://b c/k|invalid location 's3://b c/k': invalid bucket name 'b c'",
            "file://relative/k|invalid location 'file://relative/k': a file location needs an absolute path: file:///dir/key",
            "s3://AKIA:secret@b/k|invalid location 's3://****@b/k': credentials do not belong in a location; use the environment or a profile",
            "s3://b/k?key=secret|invalid location 's3://b/k?key=secret': unknown option 'key'; location options are endpoint, region and path_style",
            "s3://b/k?path_style=maybe|invalid location 's3://b/k?path_style=maybe': path_style must be true or false, not 'maybe'",
    })
    void badLocations(String input, String message) {
        LadingException e = assertThrows(LadingException.class, () -> Location.parse(input));
        assertEquals(message, e.getMessage());
        assertFalse(e.getMessage().contains("AKIA:secret"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "s3://b/k|S3|b|k|s3://b/k",
            "s3a://b/dir/|S3|b|dir/|s3://b/dir/",
            "oss://b|OSS|b||oss://b/",
            "file:///tmp/x/y.csv|FILE|tmp|x/y.csv|file:///tmp/x/y.csv",
    })
    void goodLocations(String input, Location.Scheme scheme, String bucket, String key, String printed) {
        Location l = Location.parse(input);
        assertEquals(scheme, l.scheme());
        assertEquals(bucket, l.bucket());
        assertEquals(key == null ? "" : key, l.key());
        assertEquals(printed, l.toString());
    }

    @Test
    void queryOptionsWinOverFlags() {
        Location l = Location.parse("s3://b/k?endpoint=http%3A%2F%2F127.0.0.1%3A9000&region=eu-west-1&path_style=true");
        assertEquals(new StoreOptions("http://127.0.0.1:9000", "eu-west-1", true), l.options());
        assertEquals("s3://b/k", l.toString());
        StoreOptions merged = l.options().orElse(new StoreOptions("http://flag", "us-east-1", false));
        assertEquals(new StoreOptions("http://127.0.0.1:9000", "eu-west-1", true), merged);
        assertEquals(new StoreOptions("http://flag", "x", null),
                new StoreOptions(null, "x", null).orElse(new StoreOptions("http://flag", null, null)));
    }
}
