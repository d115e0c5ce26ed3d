package org.radspark.ml;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.StringArrayParam;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Reproducibility filter from repeated extractions. Fitted on a table with one row per
 * (subject, reader) and one numeric column per feature (wide: {@code inputCols}, default all
 * numeric columns other than subject and reader) or one row per (subject, reader, feature)
 * (long: {@code featureNameCol} + {@code valueCol}). Per feature it computes ICC(1,1), ICC(2,1)
 * and ICC(3,1) with 95 % CIs ({@link Icc}) from distributed aggregations: one grouped pass by
 * subject giving per-subject sums and sums of squares, folded into per-feature totals, and a small
 * grouped pass by reader for the reader totals. Subjects without a value from every reader are
 * left out. The model keeps features whose ICC of type {@code iccType} (or its lower CI bound when
 * {@code useLowerBound}) is at least {@code threshold}; it is then used as a Transformer on the
 * modelling table's feature vector (column {@code inputCol} of the model).
 */
public class IccFilter extends Estimator<IccFilterModel> implements DefaultParamsWritable {
    private static final long serialVersionUID = 1L;

    private final String uid;
    private final Param<String> subjectCol;
    private final Param<String> readerCol;
    private final StringArrayParam inputCols;
    private final Param<String> featureNameCol;
    private final Param<String> valueCol;
    private final Param<String> iccType;
    private final DoubleParam threshold;
    private final BooleanParam useLowerBound;
    private final Param<String> featuresCol;
    private final Param<String> outputCol;

    public IccFilter() {
        this(Identifiable.randomUID("iccFilter"));
    }

    public IccFilter(String uid) {
        this.uid = uid;
        subjectCol = new Param<>(this, "subjectCol", "subject (patient) id column");
        readerCol = new Param<>(this, "readerCol", "reader / repetition column");
        inputCols = new StringArrayParam(this, "inputCols", "wide format: feature columns (empty: all numeric)");
        featureNameCol = new Param<>(this, "featureNameCol", "long format: feature name column (empty: wide format)");
        valueCol = new Param<>(this, "valueCol", "long format: value column");
        iccType = new Param<>(this, "iccType", "ICC(1,1), ICC(2,1) or ICC(3,1)");
        threshold = new DoubleParam(this, "threshold", "keep features with ICC >= threshold");
        useLowerBound = new BooleanParam(this, "useLowerBound", "compare the lower 95 % bound instead of the estimate");
        featuresCol = new Param<>(this, "featuresCol", "model input: vector column of the modelling table");
        outputCol = new Param<>(this, "outputCol", "model output: vector of the kept features");
        setDefault(subjectCol, "patient_id");
        setDefault(readerCol, "reader");
        setDefault(inputCols, new String[0]);
        setDefault(featureNameCol, "");
        setDefault(valueCol, "value");
        setDefault(iccType, "ICC(2,1)");
        setDefault(threshold, 0.75);
        setDefault(useLowerBound, false);
        setDefault(featuresCol, "features");
        setDefault(outputCol, "reproducibleFeatures");
    }

    @Override
    public String uid() {
        return uid;
    }

    public Param<String> subjectCol() { return subjectCol; }
    public Param<String> readerCol() { return readerCol; }
    public StringArrayParam inputCols() { return inputCols; }
    public Param<String> featureNameCol() { return featureNameCol; }
    public Param<String> valueCol() { return valueCol; }
    public Param<String> iccType() { return iccType; }
    public DoubleParam threshold() { return threshold; }
    public BooleanParam useLowerBound() { return useLowerBound; }
    public Param<String> featuresCol() { return featuresCol; }
    public Param<String> outputCol() { return outputCol; }

    public IccFilter setSubjectCol(String v) { set(subjectCol, v); return this; }
    public IccFilter setReaderCol(String v) { set(readerCol, v); return this; }
    public IccFilter setInputCols(String[] v) { set(inputCols, v); return this; }
    public IccFilter setFeatureNameCol(String v) { set(featureNameCol, v); return this; }
    public IccFilter setValueCol(String v) { set(valueCol, v); return this; }
    public IccFilter setIccType(String v) { Icc.typeIndex(v); set(iccType, v); return this; }
    public IccFilter setThreshold(double v) { set(threshold, v); return this; }
    public IccFilter setUseLowerBound(boolean v) { set(useLowerBound, v); return this; }
    public IccFilter setFeaturesCol(String v) { set(featuresCol, v); return this; }
    public IccFilter setOutputCol(String v) { set(outputCol, v); return this; }

    /** ICC results per feature, in the order of the returned names. */
    public static final class Result {
        public final String[] features;
        public final Icc[] icc;
        public final int subjects;
        public final int readers;

        Result(String[] features, Icc[] icc, int subjects, int readers) {
            this.features = features;
            this.icc = icc;
            this.subjects = subjects;
            this.readers = readers;
        }
    }

    /** Computes the ICCs without selecting (for reports). */
    public Result compute(Dataset<?> dataset) {
        String subj = getOrDefault(subjectCol);
        String rdr = getOrDefault(readerCol);
        Dataset<Row> wide;
        String[] feats;
        if (!getOrDefault(featureNameCol).isEmpty()) {
            wide = dataset.groupBy(functions.col(subj), functions.col(rdr))
                    .pivot(getOrDefault(featureNameCol))
                    .agg(functions.first(functions.col(getOrDefault(valueCol)).cast("double")));
            feats = Arrays.stream(wide.columns()).filter(c -> !c.equals(subj) && !c.equals(rdr)).toArray(String[]::new);
        } else {
            wide = dataset.toDF();
            feats = getOrDefault(inputCols);
            if (feats.length == 0) {
                List<String> f = new ArrayList<>();
                for (StructField s : dataset.schema().fields()) {
                    if (s.dataType() instanceof NumericType && !s.name().equals(subj) && !s.name().equals(rdr)) {
                        f.add(s.name());
                    }
                }
                feats = f.toArray(new String[0]);
            }
        }
        int p = feats.length;
        int k = (int) wide.select(rdr).distinct().count();
        // pass 1: per-subject sums and sums of squares, then per-feature totals over complete subjects
        List<Column> perSubject = new ArrayList<>();
        perSubject.add(functions.count(functions.lit(1)).as("_m"));
        for (int j = 0; j < p; j++) {
            Column c = functions.col("`" + feats[j] + "`").cast("double");
            perSubject.add(functions.sum(c).as("_s" + j));
            perSubject.add(functions.sum(c.multiply(c)).as("_q" + j));
        }
        Dataset<Row> subj1 = wide.groupBy(functions.col(subj))
                .agg(perSubject.get(0), perSubject.subList(1, perSubject.size()).toArray(new Column[0]))
                .filter(functions.col("_m").equalTo(k));
        List<Column> totals = new ArrayList<>();
        totals.add(functions.count(functions.lit(1)).as("_n"));
        for (int j = 0; j < p; j++) {
            totals.add(functions.sum(functions.col("_s" + j)).as("_g" + j));
            totals.add(functions.sum(functions.col("_q" + j)).as("_qq" + j));
            totals.add(functions.sum(functions.col("_s" + j).multiply(functions.col("_s" + j))).as("_rr" + j));
        }
        Row t = subj1.agg(totals.get(0), totals.subList(1, totals.size()).toArray(new Column[0])).head();
        int n = (int) t.getLong(0);
        // pass 2: reader totals over the complete subjects
        List<Column> perReader = new ArrayList<>();
        for (int j = 0; j < p; j++) {
            perReader.add(functions.sum(functions.col("`" + feats[j] + "`").cast("double")).as("_c" + j));
        }
        Dataset<Row> complete = wide.join(subj1.select(subj), subj);
        List<Row> readers = complete.groupBy(functions.col(rdr))
                .agg(perReader.get(0), perReader.subList(1, perReader.size()).toArray(new Column[0])).collectAsList();
        Icc[] out = new Icc[p];
        for (int j = 0; j < p; j++) {
            double cc = 0;
            for (Row r : readers) {
                double c = r.getDouble(1 + j);
                cc += c * c;
            }
            out[j] = new Icc(n, k, t.getDouble(1 + 3 * j), t.getDouble(2 + 3 * j), t.getDouble(3 + 3 * j), cc, 0.95);
        }
        return new Result(feats, out, n, k);
    }

    @Override
    public IccFilterModel fit(Dataset<?> dataset) {
        Result r = compute(dataset);
        int type = Icc.typeIndex(getOrDefault(iccType));
        boolean lowerBound = (Boolean) getOrDefault(useLowerBound);
        double thr = (Double) getOrDefault(threshold);
        int p = r.features.length;
        double[] values = new double[p * 9];
        List<String> kept = new ArrayList<>();
        for (int j = 0; j < p; j++) {
            for (int t = 0; t < 3; t++) {
                values[j * 9 + t * 3] = r.icc[j].icc[t];
                values[j * 9 + t * 3 + 1] = r.icc[j].lower[t];
                values[j * 9 + t * 3 + 2] = r.icc[j].upper[t];
            }
            double v = lowerBound ? r.icc[j].lower[type] : r.icc[j].icc[type];
            if (v >= thr) {
                kept.add(r.features[j]);
            }
        }
        IccFilterModel m = new IccFilterModel(uid);
        m.set(m.featureNames(), r.features);
        m.set(m.iccTable(), values);
        m.setInputCol(getOrDefault(featuresCol)).setOutputCol(getOrDefault(outputCol))
                .setSelectedFeatures(kept.toArray(new String[0]));
        return m.setParent(this);
    }

    @Override
    public StructType transformSchema(StructType schema) {
        return schema;
    }

    @Override
    public IccFilter copy(ParamMap extra) {
        return defaultCopy(extra);
    }

    public static MLReader<IccFilter> read() {
        return new DefaultParamsReader<>();
    }

    public static IccFilter load(String path) {
        return read().load(path);
    }
}
