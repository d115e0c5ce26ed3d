package org.radspark.ml;

import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.sql.types.StructType;

/**
 * Common Params of the selection estimators: {@code featuresCol} (vector with feature names, as
 * VectorAssembler writes it), {@code labelCol} (0/1) and {@code outputCol} (selected features).
 */
public abstract class SelectorEstimator<M extends FeatureSubsetModel<M>> extends Estimator<M>
        implements DefaultParamsWritable {
    private static final long serialVersionUID = 1L;

    private final String uid;
    private final Param<String> featuresCol;
    private final Param<String> labelCol;
    private final Param<String> outputCol;

    protected SelectorEstimator(String uid) {
        this.uid = uid;
        featuresCol = new Param<>(this, "featuresCol", "vector column of features (with ML attribute names)");
        labelCol = new Param<>(this, "labelCol", "0/1 outcome column");
        outputCol = new Param<>(this, "outputCol", "vector column written with the selected features");
        setDefault(featuresCol, "features");
        setDefault(labelCol, "label");
        setDefault(outputCol, "selectedFeatures");
    }

    @Override
    public String uid() {
        return uid;
    }

    public Param<String> featuresCol() {
        return featuresCol;
    }

    public Param<String> labelCol() {
        return labelCol;
    }

    public Param<String> outputCol() {
        return outputCol;
    }

    public String getFeaturesCol() {
        return getOrDefault(featuresCol);
    }

    public String getLabelCol() {
        return getOrDefault(labelCol);
    }

    public String getOutputCol() {
        return getOrDefault(outputCol);
    }

    protected <T> void setParam(Param<T> p, T v) {
        set(p, v);
    }

    /** Copies the column settings to a fitted model. */
    protected M configure(M model, String[] selected) {
        model.setInputCol(getFeaturesCol()).setOutputCol(getOutputCol()).setSelectedFeatures(selected);
        return model.setParent(this);
    }

    @Override
    public StructType transformSchema(StructType schema) {
        // the selected subset is known after fitting; the output column keeps the input's names
        String[] all = FeatureData.names(schema, getFeaturesCol());
        return FeatureData.sliceSchema(schema, getOutputCol(), all);
    }

    @Override
    public Estimator<M> copy(ParamMap extra) {
        return defaultCopy(extra);
    }
}
