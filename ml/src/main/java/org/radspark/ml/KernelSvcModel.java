package org.radspark.ml;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;

import libsvm.svm;
import libsvm.svm_model;

import org.apache.spark.ml.Model;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsReader$;
import org.apache.spark.ml.util.DefaultParamsWriter$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * Fitted {@link KernelSvc}. Persistence: MLlib's JSON metadata (Params) under path/metadata plus
 * the libsvm model file text as a one-row Parquet table under path/data.
 */
public class KernelSvcModel extends Model<KernelSvcModel> implements MLWritable {
    private static final long serialVersionUID = 1L;

    private final String uid;
    private final Param<String> featuresCol;
    private final BooleanParam probability;
    private svm_model model;

    public KernelSvcModel(String uid) {
        this(uid, null);
    }

    KernelSvcModel(String uid, svm_model model) {
        this.uid = uid;
        this.model = model;
        featuresCol = new Param<>(this, "featuresCol", "vector column of features");
        probability = new BooleanParam(this, "probability", "probability column from Platt scaling");
        setDefault(featuresCol, "features");
        setDefault(probability, false);
    }

    @Override
    public String uid() { return uid; }
    public Param<String> featuresCol() { return featuresCol; }
    public BooleanParam probability() { return probability; }

    public svm_model libsvmModel() {
        return model;
    }

    /** Decision value of one feature vector; positive favours label 1. */
    public static double decision(svm_model m, double[] x) {
        double[] dec = new double[1];
        svm.svm_predict_values(m, KernelSvc.nodes(x), dec);
        return m.label[0] == 1 ? dec[0] : -dec[0];
    }

    static double probabilityOfOne(svm_model m, double[] x) {
        double[] pr = new double[2];
        svm.svm_predict_probability(m, KernelSvc.nodes(x), pr);
        return m.label[0] == 1 ? pr[0] : pr[1];
    }

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        svm_model m = model;
        boolean platt = (Boolean) getOrDefault(probability);
        return BinaryOutputs.apply(dataset, getOrDefault(featuresCol), "rawPrediction", "probability", "prediction", x -> {
            double d = decision(m, x);
            return new double[] {d, platt ? probabilityOfOne(m, x) : 1 / (1 + Math.exp(-d))};
        });
    }

    @Override
    public StructType transformSchema(StructType schema) {
        return BinaryOutputs.schema(schema, "rawPrediction", "probability", "prediction");
    }

    @Override
    public KernelSvcModel copy(ParamMap extra) {
        KernelSvcModel m = copyValues(new KernelSvcModel(uid, model), extra);
        return m.setParent(parent());
    }

    static String modelText(svm_model m) {
        try {
            Path tmp = Files.createTempFile("radspark-libsvm", ".model");
            try {
                svm.svm_save_model(tmp.toString(), m);
                return Files.readString(tmp);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static svm_model parseModel(String text) {
        try {
            return svm.svm_load_model(new BufferedReader(new StringReader(text)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public MLWriter write() {
        KernelSvcModel self = this;
        return new MLWriter() {
            @Override
            public void saveImpl(String path) {
                DefaultParamsWriter$.MODULE$.saveMetadata(self, path, sparkSession());
                sparkSession().createDataset(Collections.singletonList(modelText(self.model)), Encoders.STRING())
                        .toDF("libsvmModel").write().parquet(new org.apache.hadoop.fs.Path(path, "data").toString());
            }
        };
    }

    public static MLReader<KernelSvcModel> read() {
        return new MLReader<KernelSvcModel>() {
            @Override
            public KernelSvcModel load(String path) {
                DefaultParamsReader.Metadata meta = DefaultParamsReader$.MODULE$.loadMetadata(path, sparkSession(),
                        KernelSvcModel.class.getName());
                String text = sparkSession().read().parquet(new org.apache.hadoop.fs.Path(path, "data").toString())
                        .head().getString(0);
                KernelSvcModel m = new KernelSvcModel(meta.uid(), parseModel(text));
                meta.getAndSetParams(m, scala.Option.empty());
                return m;
            }
        };
    }

    public static KernelSvcModel load(String path) {
        return read().load(path);
    }
}
