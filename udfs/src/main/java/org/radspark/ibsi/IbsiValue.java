package org.radspark.ibsi;

/**
 * One IBSI-mode feature value: the IBSI family and feature names as in the IBSI reference tables,
 * the permanent IBSI identifier (e.g. "GYBY"), the aggregation label ("3D, merged", "2D", "—", ...)
 * and the value.
 */
public record IbsiValue(String family, String feature, String ibsiCode, String aggregation, double value) {
}
