package io.lading.unloader;

import io.lading.format.Column;
import io.lading.format.TableSchema;

import java.util.List;

/** The lines every {@code --dry-run} plan prints alike ({@link UnloadPlan}, {@link ServerUnloadPlan}, {@link RedshiftUnloadPlan}). */
final class PlanLines {
    private PlanLines() {
    }

    /** {@code columns:}, then one line per column: its name and type. */
    static void columns(StringBuilder s, TableSchema schema) {
        s.append("  columns:\n");
        for (Column c : schema.columns()) {
            s.append("    ").append(c.name()).append(' ').append(c.pgType()).append('\n');
        }
    }

    /** One {@code note:} line per note. */
    static void notes(StringBuilder s, List<String> notes) {
        for (String note : notes) {
            s.append("  note:      ").append(note).append('\n');
        }
    }
}
