package org.radspark.ibsi;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * Writes IBSI values as CSV with the columns {@code family,feature,ibsi_code,aggregation,value}
 * (labels as in the IBSI-1 reference table; fields quoted when they hold a comma or a quote).
 */
public final class IbsiCsvWriter {

    public static final String HEADER = "family,feature,ibsi_code,aggregation,value";

    private IbsiCsvWriter() {
    }

    public static void write(List<IbsiValue> values, Writer out) throws IOException {
        out.write(HEADER);
        out.write('\n');
        for (IbsiValue v : values) {
            out.write(field(v.family()) + "," + field(v.feature()) + "," + field(v.ibsiCode()) + ","
                + field(v.aggregation()) + "," + Double.toString(v.value()) + "\n");
        }
        out.flush();
    }

    static String field(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
