package org.radspark.ml;

import java.lang.ref.WeakReference;

import org.apache.spark.ml.Model;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * Fitted {@link Smote}. transform(d) returns d plus the synthetic rows only when d is the same
 * Dataset object the model was fitted on (the Pipeline.fit situation); otherwise d unchanged.
 * The synthetic rows are not persisted: a saved and re-loaded model is always the identity.
 */
public class SmoteModel extends Model<SmoteModel> implements DefaultParamsWritable {
    private static final long serialVersionUID = 1L;

    private final String uid;
    private final IntParam syntheticCount;
    private transient WeakReference<Dataset<?>> fittedOn = new WeakReference<>(null);
    private transient Dataset<Row> synthetic;

    public SmoteModel(String uid) {
        this.uid = uid;
        syntheticCount = new IntParam(this, "syntheticCount", "number of synthetic rows created at fit time");
        setDefault(syntheticCount, 0);
    }

    void attach(Dataset<?> training, Dataset<Row> rows) {
        this.fittedOn = new WeakReference<>(training);
        this.synthetic = rows;
    }

    @Override
    public String uid() { return uid; }
    public IntParam syntheticCount() { return syntheticCount; }

    /** The synthetic rows created at fit time (null after loading). */
    public Dataset<Row> syntheticRows() {
        return synthetic;
    }

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        if (synthetic != null && fittedOn != null && fittedOn.get() == dataset) {
            return dataset.toDF().union(synthetic);
        }
        return dataset.toDF();
    }

    @Override
    public StructType transformSchema(StructType schema) {
        return schema;
    }

    @Override
    public SmoteModel copy(ParamMap extra) {
        SmoteModel m = defaultCopy(extra);
        m.fittedOn = fittedOn;
        m.synthetic = synthetic;
        return m.setParent(parent());
    }

    public static MLReader<SmoteModel> read() {
        return new DefaultParamsReader<>();
    }

    public static SmoteModel load(String path) {
        return read().load(path);
    }
}
