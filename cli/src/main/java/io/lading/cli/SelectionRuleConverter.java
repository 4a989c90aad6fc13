package io.lading.cli;

import io.lading.common.LadingException;
import io.lading.storage.SelectionRule;
import picocli.CommandLine;

/** {@code --match RULE} for every command: one parse, one message, a usage error (exit 2). */
final class SelectionRuleConverter implements CommandLine.ITypeConverter<SelectionRule> {
    @Override
    public SelectionRule convert(String value) {
        try {
            return SelectionRule.parse(value);
        }
        catch (LadingException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
