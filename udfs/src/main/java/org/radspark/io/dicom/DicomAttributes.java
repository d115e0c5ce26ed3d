package org.radspark.io.dicom;

import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Toolkit-neutral view of a DICOM data set (PS3.5 7): the allow-listed attributes of {@link DicomTags},
 * each as its string values (numbers in their decimal form) or, for sequences, as a list of nested items.
 */
public final class DicomAttributes {
    private final Map<Integer, String[]> values;
    private final Map<Integer, List<DicomAttributes>> sequences;

    public DicomAttributes(Map<Integer, String[]> values, Map<Integer, List<DicomAttributes>> sequences) {
        this.values = Map.copyOf(values);
        this.sequences = Map.copyOf(sequences);
    }

    public boolean has(int tag) {
        String[] v = values.get(tag);
        return (v != null && v.length > 0) || sequences.containsKey(tag);
    }

    /** All values of an attribute, trimmed; empty when absent. */
    public String[] strings(int tag) {
        String[] v = values.get(tag);
        if (v == null) {
            return new String[0];
        }
        String[] out = new String[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] == null ? "" : v[i].trim();
        }
        return out;
    }

    /** First value, trimmed, or null when absent or empty. */
    public String string(int tag) {
        String[] v = strings(tag);
        return v.length == 0 || v[0].isEmpty() ? null : v[0];
    }

    /** Numeric values; throws NumberFormatException on a value that is not a number. */
    public double[] doubles(int tag) {
        String[] v = strings(tag);
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Double.parseDouble(v[i]);
        }
        return out;
    }

    public double number(int tag, double absent) {
        String s = string(tag);
        return s == null ? absent : Double.parseDouble(s);
    }

    public int integer(int tag, int absent) {
        String s = string(tag);
        return s == null ? absent : (int) Math.round(Double.parseDouble(s));
    }

    /** Items of a sequence; empty when absent. */
    public List<DicomAttributes> sequence(int tag) {
        List<DicomAttributes> items = sequences.get(tag);
        return items == null ? Collections.emptyList() : items;
    }

    /** The first item of a sequence, or null. */
    public DicomAttributes item(int tag) {
        List<DicomAttributes> items = sequence(tag);
        return items.isEmpty() ? null : items.get(0);
    }
}
