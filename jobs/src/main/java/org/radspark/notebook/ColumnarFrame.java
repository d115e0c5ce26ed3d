package org.radspark.notebook;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;
import org.radspark.io.JsonText;

/**
 * A Dataset collected to the driver column by column, for notebooks: one primitive array per column, so
 * that a Python process reading it through JPype copies each column in one block (NumPy's buffer
 * protocol) instead of crossing the bridge once per value. A features_wide table has ~1,800 double
 * columns; crossing per value would cost seconds per thousand cells.
 *
 * <p>Column kinds and their arrays: {@code double} (double[], NaN for null; also float, decimal),
 * {@code long} (long[]; also int, short, byte), {@code bool} (boolean[]), {@code timestamp} (long[],
 * microseconds since the epoch in UTC), {@code date} (long[], days since the epoch), {@code string}
 * (int[] codes into {@link #dictionary(int)}, -1 for null; repeated values such as feature names and
 * run ids cross once), {@code json} (String[]: maps and arrays as JSON text, e.g. Delta's
 * operationMetrics) and {@code text} (String[] of anything else, e.g. structs, as Spark prints them). Nulls of non-double columns are marked in {@link #nulls(int)}.
 */
public final class ColumnarFrame {
    private final String[] names;
    private final String[] kinds;
    private final Object[] data;
    private final boolean[][] nulls;
    private final String[][] dictionaries;
    private final int rows;

    private ColumnarFrame(String[] names, String[] kinds, Object[] data, boolean[][] nulls, String[][] dictionaries,
                          int rows) {
        this.names = names;
        this.kinds = kinds;
        this.data = data;
        this.nulls = nulls;
        this.dictionaries = dictionaries;
        this.rows = rows;
    }

    /**
     * Collects {@code df} to the driver. Fails with {@link IllegalArgumentException} when it has more
     * than {@code maxRows} rows (so that a query without a filter cannot fill the notebook's memory).
     */
    public static ColumnarFrame collect(Dataset<Row> df, long maxRows) {
        StructField[] fields = df.schema().fields();
        List<Row> rows = df.limit((int) Math.min(Integer.MAX_VALUE - 1, maxRows + 1)).collectAsList();
        if (rows.size() > maxRows) {
            throw new IllegalArgumentException("the result has more than " + maxRows
                + " rows; filter it in SQL, or pass a larger max_rows");
        }
        int n = rows.size();
        String[] names = new String[fields.length];
        String[] kinds = new String[fields.length];
        Object[] data = new Object[fields.length];
        boolean[][] nulls = new boolean[fields.length][];
        String[][] dictionaries = new String[fields.length][];
        for (int j = 0; j < fields.length; j++) {
            names[j] = fields[j].name();
            kinds[j] = kind(fields[j].dataType());
            boolean[] isNull = new boolean[n];
            String kind = kinds[j];
            boolean isMap = fields[j].dataType() instanceof MapType;
            Object column = switch (kind) {
                case "double" -> new double[n];
                case "long", "timestamp", "date" -> new long[n];
                case "bool" -> new boolean[n];
                case "string" -> new int[n];
                default -> new String[n];
            };
            Map<String, Integer> index = new HashMap<>();
            for (int i = 0; i < n; i++) {
                Row r = rows.get(i);
                isNull[i] = r.isNullAt(j);
                if (isNull[i]) {
                    switch (kind) {
                        case "double" -> ((double[]) column)[i] = Double.NaN;
                        case "string" -> ((int[]) column)[i] = -1;
                        default -> { }
                    }
                    continue;
                }
                switch (kind) {
                    case "double" -> ((double[]) column)[i] = ((Number) r.get(j)).doubleValue();
                    case "long" -> ((long[]) column)[i] = ((Number) r.get(j)).longValue();
                    case "timestamp" -> ((long[]) column)[i] = micros(r.get(j));
                    case "date" -> ((long[]) column)[i] = days(r.get(j));
                    case "bool" -> ((boolean[]) column)[i] = r.getBoolean(j);
                    case "string" -> ((int[]) column)[i] = index.computeIfAbsent(r.getString(j), s -> index.size());
                    case "json" -> ((String[]) column)[i] = json(isMap ? r.getJavaMap(j) : r.getList(j),
                        new StringBuilder()).toString();
                    default -> ((String[]) column)[i] = String.valueOf(r.get(j));
                }
            }
            if (kind.equals("string")) {
                String[] dict = new String[index.size()];
                index.forEach((s, c) -> dict[c] = s);
                dictionaries[j] = dict;
            }
            data[j] = column;
            nulls[j] = isNull;
        }
        return new ColumnarFrame(names, kinds, data, nulls, dictionaries, n);
    }

    static String kind(DataType t) {
        if (t instanceof DoubleType || t instanceof FloatType || t instanceof DecimalType) {
            return "double";
        }
        if (t instanceof LongType || t instanceof IntegerType || t instanceof ShortType || t instanceof ByteType) {
            return "long";
        }
        if (t instanceof BooleanType) {
            return "bool";
        }
        if (t instanceof TimestampType || t instanceof TimestampNTZType) {
            return "timestamp";
        }
        if (t instanceof DateType) {
            return "date";
        }
        if (t instanceof StringType) {
            return "string";
        }
        if (t instanceof MapType || t instanceof ArrayType) {
            return "json";
        }
        return "text";
    }

    /** JSON text of a map (keys as strings), list or scalar value. */
    private static StringBuilder json(Object v, StringBuilder b) {
        if (v == null) {
            return b.append("null");
        }
        if (v instanceof Map) {
            b.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                b.append(first ? "" : ",");
                first = false;
                JsonText.quote(String.valueOf(e.getKey()), b).append(':');
                json(e.getValue(), b);
            }
            return b.append('}');
        }
        if (v instanceof List) {
            b.append('[');
            boolean first = true;
            for (Object o : (List<?>) v) {
                b.append(first ? "" : ",");
                first = false;
                json(o, b);
            }
            return b.append(']');
        }
        if (v instanceof scala.collection.Map) {
            return json(scala.jdk.javaapi.CollectionConverters.asJava((scala.collection.Map<?, ?>) v), b);
        }
        if (v instanceof scala.collection.Seq) {
            return json(scala.jdk.javaapi.CollectionConverters.asJava((scala.collection.Seq<?>) v), b);
        }
        if (v instanceof Boolean || v instanceof Integer || v instanceof Long || v instanceof Short
            || v instanceof Byte) {
            return b.append(v);
        }
        if (v instanceof Number) {
            double d = ((Number) v).doubleValue();
            return Double.isFinite(d) ? b.append(v) : JsonText.quote(String.valueOf(d), b);
        }
        return JsonText.quote(String.valueOf(v), b);
    }

    private static long micros(Object v) {
        Instant i = v instanceof Timestamp ? ((Timestamp) v).toInstant()
            : v instanceof Instant ? (Instant) v
            : ((java.time.LocalDateTime) v).toInstant(java.time.ZoneOffset.UTC);
        return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000L), i.getNano() / 1_000);
    }

    private static long days(Object v) {
        return v instanceof Date ? ((Date) v).toLocalDate().toEpochDay() : ((LocalDate) v).toEpochDay();
    }

    public int rows() {
        return rows;
    }

    public int columns() {
        return names.length;
    }

    public String name(int j) {
        return names[j];
    }

    public String kind(int j) {
        return kinds[j];
    }

    /** The column's values: double[], long[], boolean[], int[] (string codes) or String[], by its kind. */
    public Object data(int j) {
        return data[j];
    }

    public boolean[] nulls(int j) {
        return nulls[j];
    }

    /** Whether column {@code j} has a null. */
    public boolean hasNulls(int j) {
        for (boolean b : nulls[j]) {
            if (b) {
                return true;
            }
        }
        return false;
    }

    /** The distinct values of a {@code string} column, indexed by its codes. */
    public String[] dictionary(int j) {
        return dictionaries[j];
    }

    /** All dictionaries' values joined with U+0000 (one crossing for a frame's strings); see {@link #dictionary}. */
    public String joinedDictionary(int j) {
        return String.join("\u0000", dictionaries[j]);
    }
}
