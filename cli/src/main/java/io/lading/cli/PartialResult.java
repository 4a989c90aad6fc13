package io.lading.cli;

import java.util.Map;

/** A command that can say what it did before it failed: the figures {@code --json} adds to its error object. */
interface PartialResult {
    /** Field name to value, as the success object names them; empty when nothing is known. */
    Map<String, Object> doneSoFar();
}
