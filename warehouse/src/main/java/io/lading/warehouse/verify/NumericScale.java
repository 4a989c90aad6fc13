package io.lading.warehouse.verify;

/** Whether numeric values that differ only in trailing zeros of the scale ({@code 1.50}, {@code 1.5}) are equal. */
public enum NumericScale {
    /** {@code 1.50} differs from {@code 1.5}: the default, because the scale is part of the value a user sees. */
    EXACT,
    /** {@code 1.50} equals {@code 1.5} and {@code 2.0} equals {@code 2}: for targets with a different numeric scale. */
    IGNORE
}
