package org.radspark.ml;

import org.apache.spark.ml.param.DoubleArrayParam;
import org.apache.spark.ml.param.StringArrayParam;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.MLReader;

/** Fitted {@link CorrelationPruner}: kept features, per-feature max(AUC, 1 - AUC), and the drop decisions in order. */
public class CorrelationPrunerModel extends FeatureSubsetModel<CorrelationPrunerModel> {
    private static final long serialVersionUID = 1L;

    private final StringArrayParam featureNames;
    private final DoubleArrayParam discrimination;
    private final StringArrayParam decisions;

    public CorrelationPrunerModel(String uid) {
        super(uid);
        featureNames = new StringArrayParam(this, "featureNames", "all input features");
        discrimination = new DoubleArrayParam(this, "discrimination", "max(AUC, 1 - AUC) per input feature");
        decisions = new StringArrayParam(this, "decisions", "drop decisions in the order they were taken");
        setDefault(featureNames, new String[0]);
        setDefault(discrimination, new double[0]);
        setDefault(decisions, new String[0]);
    }

    public StringArrayParam featureNames() { return featureNames; }
    public DoubleArrayParam discrimination() { return discrimination; }
    public StringArrayParam decisions() { return decisions; }
    public String[] getDecisions() { return getOrDefault(decisions); }

    public static MLReader<CorrelationPrunerModel> read() {
        return new DefaultParamsReader<>();
    }

    public static CorrelationPrunerModel load(String path) {
        return read().load(path);
    }
}
