package org.radspark.jobs.study;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.MultilayerPerceptronClassifier;
import org.apache.spark.ml.classification.NaiveBayes;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleArrayParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.FloatParam;
import org.apache.spark.ml.param.IntArrayParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.param.StringArrayParam;
import org.radspark.ml.ClinicalModel;
import org.radspark.ml.CorrelationPruner;
import org.radspark.ml.IccFilter;
import org.radspark.ml.KernelSvc;
import org.radspark.ml.LassoSelector;
import org.radspark.ml.RadScore;
import org.radspark.ml.Smote;
import org.radspark.ml.UnivariateFilter;

/**
 * The study steps and how a YAML entry maps onto a stage's Params. A step's settable parameters are
 * the Params of its stage (by their Param names, e.g. svm's {@code C} and {@code gamma}) except the
 * column Params (names ending in Col or Cols), which the runner wires, and a few Params that hold
 * fitted state or need types YAML cannot express. Some steps also take runner options that are not
 * Params ({@code name}, mlp's {@code hidden}, clinical's {@code variables} and {@code selectP}).
 */
final class StudySteps {
    /** All step names, in the order the documentation lists them. */
    static final List<String> NAMES = List.of("icc", "univariate", "correlation", "lasso", "smote", "svm", "logistic",
        "naive_bayes", "mlp", "radscore", "clinical", "nomogram");

    enum Kind { SELECT, SMOTE, CLASSIFIER, RADSCORE, CLINICAL, NOMOGRAM }

    private static final Set<String> NOT_FROM_YAML = Set.of("layers", "initialWeights", "lowerBoundsOnCoefficients",
        "upperBoundsOnCoefficients", "lowerBoundsOnIntercepts", "upperBoundsOnIntercepts", "featureNames",
        "coefficients", "intercept");

    private StudySteps() {
    }

    static Kind kind(String step) {
        switch (step) {
            case "icc":
            case "univariate":
            case "correlation":
            case "lasso":
                return Kind.SELECT;
            case "smote":
                return Kind.SMOTE;
            case "radscore":
                return Kind.RADSCORE;
            case "clinical":
                return Kind.CLINICAL;
            case "nomogram":
                return Kind.NOMOGRAM;
            default:
                return Kind.CLASSIFIER;
        }
    }

    /** A fresh, unconfigured stage for the step. */
    static Params template(String step, String uid) {
        switch (step) {
            case "icc": return new IccFilter(uid);
            case "univariate": return new UnivariateFilter(uid);
            case "correlation": return new CorrelationPruner(uid);
            case "lasso": return new LassoSelector(uid);
            case "smote": return new Smote(uid);
            case "svm": return new KernelSvc(uid);
            case "logistic": return new LogisticRegression(uid);
            case "naive_bayes": return new NaiveBayes(uid);
            case "mlp": return new MultilayerPerceptronClassifier(uid);
            case "radscore": return new RadScore(uid);
            case "clinical":
            case "nomogram":
                return new ClinicalModel(uid);
            default:
                throw new IllegalArgumentException(step);
        }
    }

    /** Runner defaults applied before the study's own values (Param name to value). */
    static Map<String, Object> defaults(String step) {
        switch (step) {
            case "naive_bayes": return Map.of("modelType", "gaussian");
            case "mlp": return Map.of("maxIter", 200, "seed", 42L);
            default: return Map.of();
        }
    }

    /** Runner options of a step that are not stage Params. */
    static Set<String> options(String step) {
        switch (kind(step)) {
            case CLASSIFIER: return "mlp".equals(step) ? Set.of("name", "hidden") : Set.of("name");
            case RADSCORE: return Set.of("name");
            case CLINICAL: return Set.of("name", "variables", "selectP");
            case NOMOGRAM: return Set.of("name", "variables", "maxPoints");
            default: return Set.of();
        }
    }

    /** The Params a study file may set for this step, by name (sorted). */
    static Map<String, Param<?>> settable(String step, Params stage) {
        Map<String, Param<?>> out = new TreeMap<>();
        if (kind(step) == Kind.CLINICAL || kind(step) == Kind.NOMOGRAM || kind(step) == Kind.RADSCORE) {
            return out;
        }
        for (Param<?> p : stage.params()) {
            String n = p.name();
            if (n.endsWith("Col") || n.endsWith("Cols") || NOT_FROM_YAML.contains(n)) {
                continue;
            }
            out.put(n, p);
        }
        return out;
    }

    /** Converts a YAML value to the Param's type and checks it against the Param's validator. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static void put(ParamMap map, Param<?> p, Object value, String where) {
        Object v;
        try {
            v = convert(p, value);
        } catch (IllegalArgumentException e) {
            throw new StudyConfigException(where + ": parameter '" + p.name() + "' " + e.getMessage());
        }
        if (!(Boolean) ((Param) p).isValid().apply(v)) {
            throw new StudyConfigException(where + ": invalid value " + value + " for parameter '" + p.name() + "' ("
                + p.doc() + ")");
        }
        map.put((Param) p, v);
    }

    private static Object convert(Param<?> p, Object v) {
        if (v == null) {
            throw new IllegalArgumentException("needs a value");
        }
        if (p instanceof DoubleParam) {
            return number(v).doubleValue();
        }
        if (p instanceof FloatParam) {
            return number(v).floatValue();
        }
        if (p instanceof IntParam) {
            return (int) integral(v);
        }
        if (p instanceof LongParam) {
            return integral(v);
        }
        if (p instanceof BooleanParam) {
            if (v instanceof Boolean) {
                return v;
            }
            throw new IllegalArgumentException("needs true or false, got " + v);
        }
        if (p instanceof StringArrayParam) {
            return list(v).stream().map(String::valueOf).toArray(String[]::new);
        }
        if (p instanceof IntArrayParam) {
            return list(v).stream().mapToInt(x -> (int) integral(x)).toArray();
        }
        if (p instanceof DoubleArrayParam) {
            return list(v).stream().mapToDouble(x -> number(x).doubleValue()).toArray();
        }
        if (v instanceof Map || v instanceof List) {
            throw new IllegalArgumentException("needs a single value, got " + v);
        }
        return String.valueOf(v);
    }

    static Number number(Object v) {
        if (v instanceof Number) {
            return (Number) v;
        }
        try {
            return Double.parseDouble(String.valueOf(v));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("needs a number, got " + v);
        }
    }

    private static long integral(Object v) {
        Number n = number(v);
        if (n.doubleValue() != Math.rint(n.doubleValue())) {
            throw new IllegalArgumentException("needs an integer, got " + v);
        }
        return n.longValue();
    }

    static List<?> list(Object v) {
        if (v instanceof List) {
            return (List<?>) v;
        }
        List<Object> one = new ArrayList<>();
        one.add(v);
        return one;
    }

    /** The stage with the named Params set (a copy; the column wiring of the runner). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static <T extends Params> T with(T stage, Map<String, Object> values) {
        ParamMap pm = new ParamMap();
        for (Map.Entry<String, Object> e : values.entrySet()) {
            pm.put((Param) stage.getParam(e.getKey()), e.getValue());
        }
        return (T) stage.copy(pm);
    }
}
