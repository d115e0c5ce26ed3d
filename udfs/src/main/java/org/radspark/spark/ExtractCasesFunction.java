package org.radspark.spark;

import java.io.IOException;
import java.io.Serializable;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.util.LongAccumulator;
import org.radspark.extract.ExtractionException;
import org.radspark.extract.ExtractionResult;
import org.radspark.extract.FeatureExtractor;
import org.radspark.io.MaskSelection;
import org.radspark.io.ReadException;
import org.radspark.io.VolumeReaders;
import org.radspark.params.ExtractionParams;
import org.radspark.params.ParamFileParser;
import org.radspark.params.ParameterException;

/**
 * The per-patient Spark function: for each manifest case, brings its files to the executor (HDFS or
 * any Hadoop file system; local paths are read in place), runs the engine, and emits one row per case
 * with its feature names and values, or one error row naming the stage and cause (rows of
 * {@link CohortSchemas#CASE_RESULT}). A failing case never fails the task.
 */
public final class ExtractCasesFunction implements MapPartitionsFunction<Row, Row>, Serializable {
    private static final long serialVersionUID = 1L;

    private final String paramsText;
    private final String paramsSource;
    private final String paramsHash;
    private final String runId;
    private final LongAccumulator done;
    private final LongAccumulator failed;

    public ExtractCasesFunction(String paramsText, String paramsSource, String paramsHash, String runId,
                                LongAccumulator done, LongAccumulator failed) {
        this.paramsText = paramsText;
        this.paramsSource = paramsSource;
        this.paramsHash = paramsHash;
        this.runId = runId;
        this.done = done;
        this.failed = failed;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> cases) {
        FeatureExtractor extractor = new FeatureExtractor(ParamFileParser.parse(paramsText, paramsSource));
        List<Row> out = new ArrayList<>();
        while (cases.hasNext()) {
            Row c = cases.next();
            processCase(extractor, c, out);
        }
        return out.iterator();
    }

    private void processCase(FeatureExtractor extractor, Row c, List<Row> out) {
        long t0 = System.nanoTime();
        runCase(c, out, (e, stage) -> error(c, stage, e, t0), (read, stage) -> {
            ExtractionResult r = extractor.extract(read.image(), read.mask(), c.isNullAt(9) ? null : c.getInt(9));
            Timestamp now = new Timestamp(System.currentTimeMillis());
            double seconds = (System.nanoTime() - t0) / 1e9;
            Map<String, Double> features = r.features();
            String[] names = new String[features.size()];
            Double[] values = new Double[features.size()];
            int i = 0;
            for (Map.Entry<String, Double> f : features.entrySet()) {
                names[i] = f.getKey();
                values[i++] = f.getValue();
            }
            out.add(RowFactory.create("F", c.getString(0), c.getString(1), c.getString(2), c.getString(3),
                c.getString(4), paramsHash, names, values, null, null, null, FeatureExtractor.ENGINE_VERSION, runId,
                now, seconds));
            done.add(1);
        });
    }

    /** A case's work once its files are read; may move {@code stage[0]} on ("write", ...). */
    interface CaseWork {
        void run(VolumeReaders.Case read, String[] stage) throws IOException;
    }

    /** The error row of a case that failed at {@code stage}. */
    interface ErrorRow {
        Row of(Throwable e, String stage);
    }

    /**
     * Runs one manifest case (rows of {@link CohortSchemas#CASE}): brings its files to this machine (scratch space,
     * removed afterwards), reads image and mask, then runs {@code work}, which adds the case's rows to {@code out}.
     * Any failure adds the one row {@code error} makes instead, with the stage reached (read, then preprocess, or
     * the extraction's own stage); nothing is thrown.
     */
    static void runCase(Row c, List<Row> out, ErrorRow error, CaseWork work) {
        String[] stage = {"read"};
        Path scratch = null;
        try {
            scratch = Files.createTempDirectory("radspark-case-");
            Path image = localize(c.getString(5), scratch.resolve("image"));
            Path mask = localize(c.getString(6), scratch.resolve("mask"));
            VolumeReaders.Case read = VolumeReaders.readCase(image, null, mask, new MaskSelection(
                c.isNullAt(7) ? null : c.getString(7), c.isNullAt(8) ? null : c.getInt(8), null));
            stage[0] = "preprocess";
            work.run(read, stage);
        } catch (ExtractionException e) {
            out.add(error.of(e, e.stage().name().toLowerCase(java.util.Locale.ROOT)));
        } catch (ReadException | ParameterException e) {
            out.add(error.of(e, "read"));
        } catch (IOException | RuntimeException | OutOfMemoryError | StackOverflowError e) {
            out.add(error.of(e, stage[0]));
        } finally {
            deleteQuietly(scratch);
        }
    }

    private Row error(Row c, String stage, Throwable e, long t0) {
        failed.add(1);
        done.add(1);
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return RowFactory.create("E", c.getString(0), c.getString(1), c.getString(2), c.getString(3), c.getString(4),
            paramsHash, null, null, stage, e.getClass().getSimpleName(), message,
            FeatureExtractor.ENGINE_VERSION, runId, new Timestamp(System.currentTimeMillis()),
            (System.nanoTime() - t0) / 1e9);
    }

    /** Local files are read in place; anything else (hdfs://, s3a://) is copied below {@code target}. */
    public static Path localize(String uri, Path target) throws IOException {
        URI u = URI.create(uri);
        if (u.getScheme() == null || u.getScheme().equals("file")) {
            return u.getScheme() == null ? Path.of(uri) : Path.of(u);
        }
        org.apache.hadoop.fs.Path src = new org.apache.hadoop.fs.Path(u);
        FileSystem fs = src.getFileSystem(new Configuration());
        FileStatus status = fs.getFileStatus(src);
        if (status.isDirectory()) {
            Files.createDirectories(target);
            for (FileStatus child : fs.listStatus(src)) {
                if (child.isFile()) {
                    fs.copyToLocalFile(false, child.getPath(),
                        new org.apache.hadoop.fs.Path(target.resolve(child.getPath().getName()).toUri()), true);
                }
            }
            return target;
        }
        Files.createDirectories(target);
        Path local = target.resolve(src.getName());
        fs.copyToLocalFile(false, src, new org.apache.hadoop.fs.Path(local.toUri()), true);
        return local;
    }

    /** Removes a scratch folder and its files, ignoring failures. */
    public static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // scratch space of a finished case; the OS temp cleaner removes leftovers
        }
    }

    /** Parses the parameter text once on the driver so a bad file fails before any work. */
    public static ExtractionParams validate(String paramsText, String source) {
        return ParamFileParser.parse(paramsText, source);
    }
}
