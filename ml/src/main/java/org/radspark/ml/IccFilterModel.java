package org.radspark.ml;

import org.apache.spark.ml.param.DoubleArrayParam;
import org.apache.spark.ml.param.StringArrayParam;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.MLReader;

/**
 * Fitted {@link IccFilter}. {@code iccTable} holds, per feature in {@code featureNames} order,
 * nine values: ICC(1,1), lower, upper, ICC(2,1), lower, upper, ICC(3,1), lower, upper.
 */
public class IccFilterModel extends FeatureSubsetModel<IccFilterModel> {
    private static final long serialVersionUID = 1L;

    private final StringArrayParam featureNames;
    private final DoubleArrayParam iccTable;

    public IccFilterModel(String uid) {
        super(uid);
        featureNames = new StringArrayParam(this, "featureNames", "features of the repeatability table");
        iccTable = new DoubleArrayParam(this, "iccTable", "per feature: ICC1, lo, hi, ICC2, lo, hi, ICC3, lo, hi");
        setDefault(featureNames, new String[0]);
        setDefault(iccTable, new double[0]);
    }

    public StringArrayParam featureNames() { return featureNames; }
    public DoubleArrayParam iccTable() { return iccTable; }
    public String[] getFeatureNames() { return getOrDefault(featureNames); }

    /** {estimate, lower, upper} of the given ICC type for a feature. */
    public double[] icc(String feature, String type) {
        String[] names = getFeatureNames();
        int t = Icc.typeIndex(type);
        for (int j = 0; j < names.length; j++) {
            if (names[j].equals(feature)) {
                double[] v = getOrDefault(iccTable);
                return new double[] {v[j * 9 + t * 3], v[j * 9 + t * 3 + 1], v[j * 9 + t * 3 + 2]};
            }
        }
        throw new IllegalArgumentException("unknown feature " + feature);
    }

    public static MLReader<IccFilterModel> read() {
        return new DefaultParamsReader<>();
    }

    public static IccFilterModel load(String path) {
        return read().load(path);
    }
}
