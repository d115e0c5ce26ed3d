package org.radspark.ml;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * SMOTE (Chawla et al. 2002) oversampling of the minority class, seeded. fit() collects the
 * minority rows, finds each one's k nearest minority neighbours (Euclidean) and creates
 * round(ratio * majority) - minority synthetic rows: a random minority row x, a random one of its
 * k neighbours z, and x + u (z - x) with u uniform on [0, 1). Synthetic rows carry the features
 * vector and the minority label; every other column is null.
 *
 * <p>Training data only: the fitted {@link SmoteModel} appends the synthetic rows only when it
 * transforms the very Dataset it was fitted on, and is the identity on any other Dataset. Placed
 * in a Pipeline, Pipeline.fit calls fit(train) then transform(train) with the same Dataset, so the
 * downstream stages are fitted on the oversampled training data, while PipelineModel.transform at
 * prediction time (and CrossValidator's evaluation of the held-out fold) leaves the data as is.
 * Inside CrossValidator put the whole Pipeline (Smote + classifier) as the estimator; each
 * training fold is then oversampled separately and no validation fold ever is.
 */
public class Smote extends Estimator<SmoteModel> implements DefaultParamsWritable {
    private static final long serialVersionUID = 1L;

    private final String uid;
    private final Param<String> featuresCol;
    private final Param<String> labelCol;
    private final IntParam k;
    private final DoubleParam ratio;
    private final LongParam seed;

    public Smote() {
        this(Identifiable.randomUID("smote"));
    }

    public Smote(String uid) {
        this.uid = uid;
        featuresCol = new Param<>(this, "featuresCol", "vector column of features");
        labelCol = new Param<>(this, "labelCol", "0/1 label column");
        k = new IntParam(this, "k", "nearest neighbours", ParamValidators.gtEq(1));
        ratio = new DoubleParam(this, "ratio", "target minority size as a fraction of the majority size", ParamValidators.gt(0));
        seed = new LongParam(this, "seed", "random seed");
        setDefault(featuresCol, "features");
        setDefault(labelCol, "label");
        setDefault(k, 5);
        setDefault(ratio, 1.0);
        setDefault(seed, 42L);
    }

    @Override
    public String uid() { return uid; }
    public Param<String> featuresCol() { return featuresCol; }
    public Param<String> labelCol() { return labelCol; }
    public IntParam k() { return k; }
    public DoubleParam ratio() { return ratio; }
    public LongParam seed() { return seed; }
    public Smote setFeaturesCol(String v) { set(featuresCol, v); return this; }
    public Smote setLabelCol(String v) { set(labelCol, v); return this; }
    public Smote setK(int v) { set(k, v); return this; }
    public Smote setRatio(double v) { set(ratio, v); return this; }
    public Smote setSeed(long v) { set(seed, v); return this; }

    /** Synthetic samples for the given minority matrix (pure function, seeded). */
    public static double[][] synthesize(double[][] minority, int count, int k, long seed) {
        int m = minority.length;
        int kk = Math.min(k, m - 1);
        if (kk < 1 || count <= 0) {
            return new double[0][];
        }
        int[][] nn = new int[m][kk];
        for (int i = 0; i < m; i++) {
            double[] d = new double[m];
            Integer[] idx = new Integer[m];
            for (int j = 0; j < m; j++) {
                idx[j] = j;
                double s = 0;
                for (int f = 0; f < minority[i].length; f++) {
                    double t = minority[i][f] - minority[j][f];
                    s += t * t;
                }
                d[j] = j == i ? Double.POSITIVE_INFINITY : s;
            }
            java.util.Arrays.sort(idx, (a, b) -> Double.compare(d[a], d[b]));
            for (int j = 0; j < kk; j++) {
                nn[i][j] = idx[j];
            }
        }
        Random rnd = new Random(seed);
        double[][] out = new double[count][];
        for (int s = 0; s < count; s++) {
            int i = rnd.nextInt(m);
            int z = nn[i][rnd.nextInt(kk)];
            double u = rnd.nextDouble();
            double[] x = new double[minority[i].length];
            for (int f = 0; f < x.length; f++) {
                x[f] = minority[i][f] + u * (minority[z][f] - minority[i][f]);
            }
            out[s] = x;
        }
        return out;
    }

    @Override
    public SmoteModel fit(Dataset<?> dataset) {
        FeatureData.Matrix data = FeatureData.collect(dataset, getOrDefault(featuresCol), getOrDefault(labelCol));
        int[] y = data.labels();
        int n1 = 0;
        for (int v : y) {
            n1 += v;
        }
        int n0 = y.length - n1;
        int minorityLabel = n1 <= n0 ? 1 : 0;
        int nMin = Math.min(n0, n1);
        int nMaj = Math.max(n0, n1);
        List<double[]> minority = new ArrayList<>();
        for (int i = 0; i < y.length; i++) {
            if (y[i] == minorityLabel) {
                minority.add(data.x[i]);
            }
        }
        int count = (int) Math.round((Double) getOrDefault(ratio) * nMaj) - nMin;
        double[][] synth = synthesize(minority.toArray(new double[0][]), count, (Integer) getOrDefault(k),
                (Long) getOrDefault(seed));
        StructType schema = dataset.schema();
        StructField[] fields = schema.fields();
        StructField[] nullable = new StructField[fields.length];
        int fi = schema.fieldIndex(getOrDefault(featuresCol));
        int li = schema.fieldIndex(getOrDefault(labelCol));
        for (int c = 0; c < fields.length; c++) {
            nullable[c] = new StructField(fields[c].name(), fields[c].dataType(), true, fields[c].metadata());
        }
        List<Row> rows = new ArrayList<>();
        Object label = labelValue(fields[li].dataType(), minorityLabel);
        for (double[] s : synth) {
            Object[] v = new Object[fields.length];
            v[fi] = Vectors.dense(s);
            v[li] = label;
            rows.add(RowFactory.create(v));
        }
        Dataset<Row> synthetic = dataset.sparkSession().createDataFrame(rows, new StructType(nullable));
        SmoteModel model = new SmoteModel(uid);
        model.set(model.syntheticCount(), synth.length);
        model.attach(dataset, synthetic);
        return model.setParent(this);
    }

    private static Object labelValue(DataType t, int v) {
        if (t.equals(DataTypes.IntegerType)) {
            return v;
        }
        if (t.equals(DataTypes.LongType)) {
            return (long) v;
        }
        if (t.equals(DataTypes.StringType)) {
            return Integer.toString(v);
        }
        return (double) v;
    }

    @Override
    public StructType transformSchema(StructType schema) {
        return schema;
    }

    @Override
    public Smote copy(ParamMap extra) {
        return defaultCopy(extra);
    }

    public static MLReader<Smote> read() {
        return new DefaultParamsReader<>();
    }

    public static Smote load(String path) {
        return read().load(path);
    }

    static double[] toArray(Vector v) {
        return v.toArray();
    }
}
