package io.lading.loader;

import io.lading.format.TableSchema;
import io.lading.format.TextOptions;
import io.lading.warehouse.CopyInForm;
import io.lading.warehouse.PgErrors;

import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;

import static java.util.Objects.requireNonNull;

/**
 * When a copy-mode load's files go as text COPY instead of binary, and the one line per load that
 * says why: into PostgreSQL text is the slower way (the server parses every value); into a Greenplum
 * family server text is the chosen way ({@link CopyInForm}), said once in the plan.
 */
final class TextFallback {
    private final LoadListener listener;
    private final CopyInForm.Choice form;
    private final AtomicBoolean told = new AtomicBoolean();
    /** The server refused binary COPY itself (not one row of it): the other files go as text at once. */
    private final AtomicBoolean serverRefused = new AtomicBoolean();

    TextFallback(LoadListener listener, CopyInForm.Choice form) {
        this.listener = listener;
        this.form = requireNonNull(form, "form is null");
        if (form.form() == CopyInForm.TEXT) {
            listener.info(form.why());
        }
    }

    /** Why a file with these options and columns goes as text from the start; null: it goes as binary. */
    String whyText(TextOptions options, TableSchema columns) {
        if (form.form() == CopyInForm.TEXT) {
            return form.why();
        }
        return serverRefused.get() ? "the server refused binary COPY" : BinaryCopy.whyNot(options, columns);
    }

    /**
     * The server refused a binary COPY of {@code file} for a reason that is not one row (a server
     * without binary COPY input, a permission...): the text COPY tells, and later files skip binary.
     */
    void refusedByServer(LoadFile file, SQLException e) {
        if (serverRefused.compareAndSet(false, true)) {
            tell(file, "the server refused binary COPY: " + PgErrors.firstLine(e.getMessage()));
        }
    }

    /** Once per load: why a file goes as text (already said when text is the server's form). */
    void tell(LoadFile file, String why) {
        if (form.form() == CopyInForm.BINARY && told.compareAndSet(false, true)) {
            listener.detail("text COPY for " + file.uri() + ": " + why + " (binary COPY parses on this side, saving the server's CPU)");
        }
    }
}
