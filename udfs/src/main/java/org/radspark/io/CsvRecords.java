package org.radspark.io;

import java.util.ArrayList;
import java.util.List;

/**
 * Records of a CSV text as in RFC 4180: comma-separated fields, double-quoted fields may hold commas,
 * line breaks and doubled quotes; LF or CRLF line ends; blank lines and a leading byte-order mark are
 * skipped. Used for cohort manifests, which are small and read on the driver, and reference tables.
 */
public final class CsvRecords {
    private CsvRecords() {
    }

    /** A text that is not valid CSV; the message names the line. */
    public static final class CsvException extends IllegalArgumentException {
        CsvException(String message) {
            super(message);
        }
    }

    public static List<List<String>> parse(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = text.startsWith("\uFEFF") ? 1 : 0;
        int line = 1;
        int quoteLine = 0;
        boolean quoted = false;
        boolean afterQuote = false;
        boolean lineHasContent = false;
        for (; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (quoted) {
                if (ch == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                        afterQuote = true;
                    }
                } else {
                    if (ch == '\n') {
                        line++;
                    }
                    field.append(ch);
                }
                continue;
            }
            switch (ch) {
                case '"' -> {
                    if (afterQuote || field.length() > 0) {
                        throw new CsvException("line " + line + ": a quote inside an unquoted field");
                    }
                    quoted = true;
                    quoteLine = line;
                    lineHasContent = true;
                }
                case ',' -> {
                    record.add(field.toString());
                    field.setLength(0);
                    afterQuote = false;
                    lineHasContent = true;
                }
                case '\r' -> {
                    // part of CRLF, or a stray CR: ignored
                }
                case '\n' -> {
                    if (lineHasContent || field.length() > 0) {
                        record.add(field.toString());
                        records.add(record);
                    }
                    record = new ArrayList<>();
                    field.setLength(0);
                    afterQuote = false;
                    lineHasContent = false;
                    line++;
                }
                default -> {
                    if (afterQuote) {
                        throw new CsvException("line " + line + ": text after a closing quote");
                    }
                    field.append(ch);
                    lineHasContent = true;
                }
            }
        }
        if (quoted) {
            throw new CsvException("line " + quoteLine + ": a quoted field is never closed");
        }
        if (lineHasContent || field.length() > 0) {
            record.add(field.toString());
            records.add(record);
        }
        return records;
    }
}
