package io.lading.warehouse.ddl;

/** Whether credentials appear in generated text: masked for anything shown to a person. */
public enum Secrets {
    /** {@code ****} in place of every key id, secret and token: what {@code lading ddl} prints by default. */
    MASK,
    /** The real values: for statements that are executed, or printed under {@code --show-secrets}. */
    REVEAL;

    public static final String MASKED = "****";
}
