package org.radspark.spark;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Serializable;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.util.LongAccumulator;
import org.radspark.extract.FeatureExtractor;
import org.radspark.extract.FeatureMapExtractor;
import org.radspark.image.Image;
import org.radspark.io.MapFormat;
import org.radspark.params.ParamFileParser;

/**
 * The per-patient Spark function of voxel-based extraction: for each manifest case, computes its feature maps
 * (on as many threads as the task has cores, {@code spark.task.cpus}), writes them into the case's folder below
 * {@code mapsRoot} ({@link #caseFolder}) and emits one row per map, or one error row (rows of
 * {@link CohortSchemas#MAP_RESULT}). The maps are written into a folder of their own first and renamed into
 * place, so the case folder holds either a whole earlier run's maps or a whole new set. A failing case never
 * fails the task.
 */
public final class FeatureMapCasesFunction implements MapPartitionsFunction<Row, Row>, Serializable {
    private static final long serialVersionUID = 1L;

    private final String paramsText;
    private final String paramsSource;
    private final String paramsHash;
    private final String runId;
    private final String mapsRoot;
    private final MapFormat format;
    private final LongAccumulator done;
    private final LongAccumulator failed;

    /** {@code mapsRoot}: a fully qualified URI (file:, hdfs:, ...) of the folder receiving the case folders. */
    public FeatureMapCasesFunction(String paramsText, String paramsSource, String paramsHash, String runId,
                                   String mapsRoot, MapFormat format, LongAccumulator done, LongAccumulator failed) {
        this.paramsText = paramsText;
        this.paramsSource = paramsSource;
        this.paramsHash = paramsHash;
        this.runId = runId;
        this.mapsRoot = mapsRoot;
        this.format = format;
        this.done = done;
        this.failed = failed;
    }

    /**
     * The folder of one case's maps for one parameter set: {@code ROOT/PARAMS_HASH/PATIENT/READER/MODALITY/TIMEPOINT},
     * each part kept as it is when it is made of letters, digits, '.', '_' and '-', otherwise with the other
     * characters replaced by '_' and a short hash of the original appended (so distinct ids stay distinct); an
     * empty part (no reader, modality or timepoint in the manifest) is "_".
     */
    public static String caseFolder(String mapsRoot, String paramsHash, String patientId, String reader, String modality,
                                    String timepoint) {
        StringBuilder b = new StringBuilder(mapsRoot).append('/').append(paramsHash);
        for (String part : new String[] {patientId, reader, modality, timepoint}) {
            b.append('/').append(safe(part));
        }
        return b.toString();
    }

    static String safe(String part) {
        if (part.isEmpty()) {
            return "_"; // an absent reader, modality or timepoint; an id "_" itself is escaped below
        }
        if (part.matches("[A-Za-z0-9_-][A-Za-z0-9._-]*") && !part.equals("_")) {
            return part;
        }
        String replaced = part.replaceAll("[^A-Za-z0-9._-]", "_").replaceAll("^\\.", "_");
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-1").digest(part.getBytes(StandardCharsets.UTF_8));
            return replaced + "-" + java.util.HexFormat.of().formatHex(d, 0, 4);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Iterator<Row> call(Iterator<Row> cases) {
        FeatureMapExtractor extractor = new FeatureMapExtractor(ParamFileParser.parse(paramsText, paramsSource));
        TaskContext task = TaskContext.get();
        int threads = task == null ? 1 : Math.max(1, task.cpus());
        String attempt = task == null ? "0" : task.taskAttemptId() + "";
        List<Row> out = new ArrayList<>();
        while (cases.hasNext()) {
            processCase(extractor, threads, attempt, cases.next(), out);
        }
        return out.iterator();
    }

    private void processCase(FeatureMapExtractor extractor, int threads, String attempt, Row c, List<Row> out) {
        long t0 = System.nanoTime();
        ExtractCasesFunction.runCase(c, out, (e, stage) -> error(c, stage, e, t0), (read, stage) -> {
            FeatureMapExtractor.FeatureMaps maps = extractor.extract(read.image(), read.mask(),
                c.isNullAt(9) ? null : c.getInt(9), threads, FeatureMapExtractor.Progress.NONE);
            stage[0] = "write";
            String folder = caseFolder(mapsRoot, paramsHash, c.getString(0), c.getString(1), c.getString(2),
                c.getString(3));
            Map<String, String> files = write(maps.maps(), folder, runId + "-" + attempt);
            Timestamp now = new Timestamp(System.currentTimeMillis());
            double seconds = (System.nanoTime() - t0) / 1e9;
            for (Map.Entry<String, String> f : files.entrySet()) {
                String name = f.getKey();
                Image map = maps.maps().get(name);
                int first = name.indexOf('_'), second = name.indexOf('_', first + 1);
                out.add(RowFactory.create("M", c.getString(0), c.getString(1), c.getString(2), c.getString(3),
                    c.getString(4), paramsHash, name.substring(0, first), name.substring(first + 1, second), name,
                    f.getValue(), map.geometry().nx(), map.geometry().ny(), map.geometry().nz(), maps.roiVoxels(),
                    null, null, null, FeatureExtractor.ENGINE_VERSION, runId, now, seconds));
            }
            done.add(1);
        });
    }

    /**
     * Writes every map into {@code folder + ".tmp-" + tag}, then replaces {@code folder} by it (and removes the
     * temporary folders of this case's earlier, killed attempts); returns feature name to the final file URI.
     */
    private Map<String, String> write(Map<String, Image> maps, String folder, String tag) throws IOException {
        Map<String, String> files = new java.util.LinkedHashMap<>();
        URI uri = URI.create(folder);
        if ("file".equals(uri.getScheme())) {
            // plain files for the user's tools (Hadoop's local file system would add .crc files beside them)
            Path target = Path.of(uri);
            Path tmp = target.resolveSibling(target.getFileName() + ".tmp-" + tag);
            Files.createDirectories(tmp);
            // folders of this case's attempts that a killed run left behind
            try (java.util.stream.Stream<Path> siblings = Files.list(target.getParent())) {
                siblings.filter(p -> p.getFileName().toString().startsWith(target.getFileName() + ".tmp-")
                    && !p.equals(tmp)).forEach(ExtractCasesFunction::deleteQuietly);
            }
            for (Map.Entry<String, Image> e : maps.entrySet()) {
                Path file = tmp.resolve(e.getKey() + format.suffix());
                try (OutputStream o = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
                    format.write(e.getValue(), o, file.toString());
                }
                files.put(e.getKey(), folder + "/" + e.getKey() + format.suffix());
            }
            if (Files.exists(target)) {
                ExtractCasesFunction.deleteQuietly(target);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            return files;
        }
        org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path(uri);
        FileSystem fs = target.getFileSystem(new Configuration());
        org.apache.hadoop.fs.Path tmp = new org.apache.hadoop.fs.Path(folder + ".tmp-" + tag);
        fs.mkdirs(tmp);
        for (org.apache.hadoop.fs.FileStatus st : fs.listStatus(target.getParent())) {
            if (st.getPath().getName().startsWith(target.getName() + ".tmp-") && !st.getPath().getName().equals(tmp.getName())) {
                fs.delete(st.getPath(), true);
            }
        }
        for (Map.Entry<String, Image> e : maps.entrySet()) {
            org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(tmp, e.getKey() + format.suffix());
            try (OutputStream o = fs.create(file, true)) {
                format.write(e.getValue(), o, file.toString());
            }
            files.put(e.getKey(), folder + "/" + e.getKey() + format.suffix());
        }
        if (fs.exists(target)) {
            fs.delete(target, true);
        }
        if (!fs.rename(tmp, target)) {
            throw new IOException("cannot rename " + tmp + " to " + target);
        }
        return files;
    }

    private Row error(Row c, String stage, Throwable e, long t0) {
        failed.add(1);
        done.add(1);
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return RowFactory.create("E", c.getString(0), c.getString(1), c.getString(2), c.getString(3), c.getString(4),
            paramsHash, null, null, null, null, null, null, null, null, stage, e.getClass().getSimpleName(), message,
            FeatureExtractor.ENGINE_VERSION, runId, new Timestamp(System.currentTimeMillis()),
            (System.nanoTime() - t0) / 1e9);
    }
}
