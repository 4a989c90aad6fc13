package io.lading.cli;

import io.lading.common.Durations;
import io.lading.common.LadingException;
import picocli.CommandLine;

import java.time.Duration;

/** A {@code DURATION} option ({@code 30s}, {@code 10m}, {@code 1h30m}, {@code 7d}, {@code 0}): a usage error (exit 2) otherwise. */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        try {
            return Durations.parse(value);
        }
        catch (LadingException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
