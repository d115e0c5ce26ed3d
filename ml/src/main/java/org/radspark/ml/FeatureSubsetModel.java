package org.radspark.ml;

import org.apache.spark.ml.Model;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.StringArrayParam;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * Common part of the fitted selection stages: the model keeps the names of the selected features
 * ({@code selectedFeatures}) and its transform writes {@code outputCol}, the input vector
 * ({@code inputCol}, with VectorAssembler-style names) restricted to them, in their input order.
 * Model state lives in Params, so MLlib's DefaultParamsWriter/Reader persist it as JSON metadata.
 */
public abstract class FeatureSubsetModel<M extends FeatureSubsetModel<M>> extends Model<M>
        implements DefaultParamsWritable {
    private static final long serialVersionUID = 1L;

    private final String uid;
    private final Param<String> inputCol;
    private final Param<String> outputCol;
    private final StringArrayParam selectedFeatures;

    protected FeatureSubsetModel(String uid) {
        this.uid = uid;
        inputCol = new Param<>(this, "inputCol", "vector column of features (with ML attribute names)");
        outputCol = new Param<>(this, "outputCol", "vector column written with the selected features");
        selectedFeatures = new StringArrayParam(this, "selectedFeatures", "names of the selected features");
        setDefault(inputCol, "features");
        setDefault(outputCol, "selectedFeatures");
        setDefault(selectedFeatures, new String[0]);
    }

    @Override
    public String uid() {
        return uid;
    }

    public Param<String> inputCol() {
        return inputCol;
    }

    public Param<String> outputCol() {
        return outputCol;
    }

    public StringArrayParam selectedFeatures() {
        return selectedFeatures;
    }

    public String getInputCol() {
        return getOrDefault(inputCol);
    }

    public String getOutputCol() {
        return getOrDefault(outputCol);
    }

    public String[] getSelectedFeatures() {
        return getOrDefault(selectedFeatures);
    }

    @SuppressWarnings("unchecked")
    public M setInputCol(String v) {
        return (M) set(inputCol, v);
    }

    @SuppressWarnings("unchecked")
    public M setOutputCol(String v) {
        return (M) set(outputCol, v);
    }

    @SuppressWarnings("unchecked")
    public M setSelectedFeatures(String[] v) {
        return (M) set(selectedFeatures, v);
    }

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        String[] all = FeatureData.names(dataset.schema(), getInputCol());
        String[] kept = keptInInputOrder(all);
        return FeatureData.slice(dataset, getInputCol(), getOutputCol(), FeatureData.indexOf(all, kept), kept);
    }

    private String[] keptInInputOrder(String[] all) {
        java.util.Set<String> sel = new java.util.HashSet<>(java.util.Arrays.asList(getSelectedFeatures()));
        for (String s : sel) {
            if (!java.util.Arrays.asList(all).contains(s)) {
                throw new IllegalArgumentException("selected feature missing from column " + getInputCol() + ": " + s);
            }
        }
        return java.util.Arrays.stream(all).filter(sel::contains).toArray(String[]::new);
    }

    @Override
    public StructType transformSchema(StructType schema) {
        String[] all = FeatureData.names(schema, getInputCol());
        return FeatureData.sliceSchema(schema, getOutputCol(), keptInInputOrder(all));
    }

    @Override
    public M copy(ParamMap extra) {
        M m = defaultCopy(extra);
        return m.setParent(parent());
    }
}
