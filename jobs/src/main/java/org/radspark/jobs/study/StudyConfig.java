package org.radspark.jobs.study;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.Params;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * A study file (conf/studies/NAME.yaml), parsed and checked without touching any data: known
 * sections and keys, known steps, each step's parameters against its stage's Params (type and
 * validator), and the order constraints between steps. Paths are taken as written (relative ones
 * against the working directory); {@link #load} accepts overrides for the table, params_hash,
 * clinical file and output folder so one study file serves any cohort.
 */
public final class StudyConfig {
    /** Override keys accepted by {@link #load}. */
    public static final String TABLE = "features.table";
    public static final String PARAMS_HASH = "features.params_hash";
    public static final String CLINICAL = "clinical.path";
    public static final String OUTPUT = "output";

    private static final Set<String> TOP = Set.of("name", "title", "notice", "features", "clinical", "split",
        "standardize", "output", "steps");
    private static final Set<String> FEATURES = Set.of("table", "params_hash", "modality", "timepoint", "readers",
        "model_reader", "include", "exclude");
    private static final Set<String> CLINICAL_KEYS = Set.of("path", "format", "id_column", "label", "variables");
    private static final Set<String> SPLIT = Set.of("test_fraction", "seed", "column");

    /** One configured step. */
    public static final class Step {
        public final int index;
        public final String step;
        /** Model name (classifier, radscore, clinical, nomogram steps); the step name unless set. */
        public final String name;
        /** Runner options that are not stage Params. */
        public final Map<String, Object> options;
        /** The Params as written in the file, for the report. */
        public final Map<String, Object> settings;
        final Params stage;

        Step(int index, String step, String name, Map<String, Object> options, Map<String, Object> settings,
             Params stage) {
            this.index = index;
            this.step = step;
            this.name = name;
            this.options = options;
            this.settings = settings;
            this.stage = stage;
        }

        StudySteps.Kind kind() {
            return StudySteps.kind(step);
        }

        /** The configured stage (a fresh copy). */
        Params stage() {
            return stage.copy(new ParamMap());
        }

        /** An integer Param of the stage as configured (or its default). */
        int intParam(String param) {
            return ((Number) stage.getOrDefault(stage.getParam(param))).intValue();
        }
    }

    public final Path source;
    public final String name;
    public final String title;
    public final String notice;
    public final String featureTable;
    public final String paramsHash;
    public final String modality;
    public final String timepoint;
    public final List<String> readers;
    public final String modelReader;
    public final String include;
    public final String exclude;
    public final String clinicalPath;
    public final String clinicalFormat;
    /** Whether the study file names clinical.format (else it is guessed from the location). */
    public final boolean clinicalFormatGiven;
    public final String idColumn;
    public final String label;
    public final List<String> variables;
    public final double testFraction;
    public final long seed;
    public final String splitColumn;
    public final boolean standardize;
    public final String output;
    public final List<Step> steps;

    private StudyConfig(Path source, Map<String, Object> root, Map<String, String> overrides) {
        this.source = source;
        unknownKeys(root, TOP, "study file");
        Map<String, Object> f = section(root, "features", true);
        Map<String, Object> c = section(root, "clinical", true);
        Map<String, Object> s = section(root, "split", false);
        unknownKeys(f, FEATURES, "features");
        unknownKeys(c, CLINICAL_KEYS, "clinical");
        unknownKeys(s, SPLIT, "split");
        name = str(root, "name", fileStem(source));
        title = str(root, "title", name);
        notice = str(root, "notice", null);
        featureTable = overrides.getOrDefault(TABLE, str(f, "table", null));
        paramsHash = overrides.getOrDefault(PARAMS_HASH, str(f, "params_hash", null));
        if (featureTable == null) {
            throw new StudyConfigException("features.table is missing: name the folder holding features_wide");
        }
        if (paramsHash == null) {
            throw new StudyConfigException("features.params_hash is missing: give the extraction's params_hash "
                + "(or 'only' when the table holds a single one)");
        }
        modality = str(f, "modality", null);
        timepoint = str(f, "timepoint", null);
        readers = strings(f, "readers");
        modelReader = str(f, "model_reader", readers.isEmpty() ? null : readers.get(0));
        include = str(f, "include", null);
        exclude = str(f, "exclude", null);
        clinicalPath = overrides.getOrDefault(CLINICAL, str(c, "path", null));
        if (clinicalPath == null) {
            throw new StudyConfigException("clinical.path is missing: name the clinical table (CSV or Parquet)");
        }
        clinicalFormatGiven = c.containsKey("format");
        // by name here; a folder without a given format is read as Parquet (decided where it is read, on
        // its own file system)
        clinicalFormat = str(c, "format", clinicalPath.toLowerCase(Locale.ROOT).endsWith(".parquet") ? "parquet" : "csv");
        if (!clinicalFormat.equals("csv") && !clinicalFormat.equals("parquet")) {
            throw new StudyConfigException("clinical.format must be csv or parquet, got '" + clinicalFormat + "'");
        }
        idColumn = str(c, "id_column", "patient_id");
        label = str(c, "label", null);
        if (label == null) {
            throw new StudyConfigException("clinical.label is missing: name the 0/1 outcome column");
        }
        variables = strings(c, "variables");
        testFraction = StudySteps.number(s.getOrDefault("test_fraction", 0.2)).doubleValue();
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new StudyConfigException("split.test_fraction must be between 0 and 1, got " + testFraction);
        }
        seed = StudySteps.number(s.getOrDefault("seed", 42)).longValue();
        splitColumn = str(s, "column", null);
        Object st = root.getOrDefault("standardize", Boolean.TRUE);
        if (!(st instanceof Boolean)) {
            throw new StudyConfigException("standardize must be true or false, got " + st);
        }
        standardize = (Boolean) st;
        output = overrides.getOrDefault(OUTPUT, str(root, "output", "studies/" + name));
        steps = parseSteps(root.get("steps"));
        checkOrder();
    }

    /** Reads and checks a study file; overrides use the keys {@link #TABLE}, {@link #PARAMS_HASH}, {@link #CLINICAL}, {@link #OUTPUT}. */
    public static StudyConfig load(Path file, Map<String, String> overrides) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new StudyConfigException("study file not found: " + file);
        }
        return parse(file, Files.readString(file, StandardCharsets.UTF_8), overrides);
    }

    /** Parses study YAML text; {@code source} only names it. */
    public static StudyConfig parse(Path source, String yaml, Map<String, String> overrides) {
        Object root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        } catch (YAMLException e) {
            throw new StudyConfigException("study file " + source + " is not valid YAML, "
                + org.radspark.params.YamlProblems.describe(e));
        }
        if (!(root instanceof Map)) {
            throw new StudyConfigException("study file " + source + " must be a YAML mapping");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) root;
        return new StudyConfig(source, m, overrides == null ? Map.of() : overrides);
    }

    private List<Step> parseSteps(Object raw) {
        if (!(raw instanceof List) || ((List<?>) raw).isEmpty()) {
            throw new StudyConfigException("steps is missing or empty: list the steps, e.g. - lasso: {nFolds: 5}");
        }
        List<Step> out = new ArrayList<>();
        Set<String> modelNames = new HashSet<>();
        int i = 0;
        for (Object entry : (List<?>) raw) {
            i++;
            String stepName;
            Object body;
            if (entry instanceof String) {
                stepName = (String) entry;
                body = null;
            } else if (entry instanceof Map && ((Map<?, ?>) entry).size() == 1) {
                Map.Entry<?, ?> e = ((Map<?, ?>) entry).entrySet().iterator().next();
                stepName = String.valueOf(e.getKey());
                body = e.getValue();
            } else {
                throw new StudyConfigException("steps[" + i + "] must be a step name or a one-key mapping "
                    + "step: {parameters}, got " + entry);
            }
            if (!StudySteps.NAMES.contains(stepName)) {
                throw new StudyConfigException("unknown step '" + stepName + "' at steps[" + i + "]; known steps: "
                    + String.join(", ", StudySteps.NAMES));
            }
            if (body != null && !(body instanceof Map)) {
                throw new StudyConfigException("step '" + stepName + "' at steps[" + i
                    + "] needs a mapping of parameters, got " + body);
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> given = body == null ? Map.of() : (Map<String, Object>) body;
            String where = "step '" + stepName + "' at steps[" + i + "]";
            Params template = StudySteps.template(stepName, String.format(Locale.ROOT, "%02d_%s", i, stepName));
            Map<String, Param<?>> settable = StudySteps.settable(stepName, template);
            Set<String> options = StudySteps.options(stepName);
            ParamMap pm = new ParamMap();
            for (Map.Entry<String, Object> d : StudySteps.defaults(stepName).entrySet()) {
                StudySteps.put(pm, template.getParam(d.getKey()), d.getValue(), where);
            }
            Map<String, Object> opts = new LinkedHashMap<>();
            Map<String, Object> settings = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : given.entrySet()) {
                String key = String.valueOf(e.getKey());
                if (options.contains(key)) {
                    opts.put(key, e.getValue());
                } else if (settable.containsKey(key)) {
                    StudySteps.put(pm, settable.get(key), e.getValue(), where);
                    settings.put(key, e.getValue());
                } else {
                    TreeSet<String> allowed = new TreeSet<>(settable.keySet());
                    allowed.addAll(options);
                    throw new StudyConfigException("unknown parameter '" + key + "' for step '" + stepName
                        + "' at steps[" + i + "]; allowed: " + (allowed.isEmpty() ? "none" : String.join(", ", allowed)));
                }
            }
            checkOptions(stepName, where, opts);
            String modelName = opts.containsKey("name") ? String.valueOf(opts.get("name")) : stepName;
            StudySteps.Kind kind = StudySteps.kind(stepName);
            if (kind != StudySteps.Kind.SELECT && kind != StudySteps.Kind.SMOTE && !modelNames.add(modelName)) {
                throw new StudyConfigException(where + ": model name '" + modelName
                    + "' is used twice; set name: on one of them");
            }
            out.add(new Step(i, stepName, modelName, Collections.unmodifiableMap(opts),
                Collections.unmodifiableMap(settings), template.copy(pm)));
        }
        return Collections.unmodifiableList(out);
    }

    private void checkOptions(String step, String where, Map<String, Object> opts) {
        if (opts.containsKey("hidden")) {
            for (Object h : StudySteps.list(opts.get("hidden"))) {
                double v = StudySteps.number(h).doubleValue();
                if (v < 1 || v != Math.rint(v)) {
                    throw new StudyConfigException(where + ": hidden must list positive layer sizes, got "
                        + opts.get("hidden"));
                }
            }
        }
        if (opts.containsKey("selectP")) {
            double p = StudySteps.number(opts.get("selectP")).doubleValue();
            if (!(p > 0 && p <= 1)) {
                throw new StudyConfigException(where + ": selectP must be in (0, 1], got " + p);
            }
        }
        if (opts.containsKey("maxPoints") && !(StudySteps.number(opts.get("maxPoints")).doubleValue() > 0)) {
            throw new StudyConfigException(where + ": maxPoints must be positive, got " + opts.get("maxPoints"));
        }
        if ("clinical".equals(step) && clinicalVariables(opts).isEmpty()) {
            throw new StudyConfigException(where + ": no clinical variables: list them in clinical.variables or the "
                + "step's variables");
        }
    }

    private void checkOrder() {
        boolean lasso = false;
        boolean radscore = false;
        boolean clinical = false;
        boolean model = false;
        for (Step s : steps) {
            switch (s.step) {
                case "lasso":
                    lasso = true;
                    break;
                case "icc":
                    if (readers.size() < 2) {
                        throw new StudyConfigException("step 'icc' at steps[" + s.index + "] needs features.readers "
                            + "with at least two readers");
                    }
                    break;
                case "radscore":
                    if (!lasso) {
                        throw new StudyConfigException("step 'radscore' at steps[" + s.index
                            + "] needs a 'lasso' step before it (the rad-score is the LASSO linear predictor)");
                    }
                    radscore = true;
                    break;
                case "clinical":
                    clinical = true;
                    break;
                case "nomogram":
                    if (!radscore) {
                        throw new StudyConfigException("step 'nomogram' at steps[" + s.index
                            + "] needs a 'radscore' step before it");
                    }
                    if (!clinical && !s.options.containsKey("variables")) {
                        throw new StudyConfigException("step 'nomogram' at steps[" + s.index
                            + "] needs a 'clinical' step before it or its own variables");
                    }
                    break;
                default:
                    break;
            }
            StudySteps.Kind k = s.kind();
            model |= k == StudySteps.Kind.CLASSIFIER || k == StudySteps.Kind.RADSCORE || k == StudySteps.Kind.CLINICAL
                || k == StudySteps.Kind.NOMOGRAM;
        }
        if (!model) {
            throw new StudyConfigException("the study has no model step (svm, logistic, naive_bayes, mlp, radscore, "
                + "clinical or nomogram)");
        }
    }

    /** The clinical variables of a clinical or nomogram step: its own list, else clinical.variables. */
    List<String> clinicalVariables(Map<String, Object> opts) {
        if (opts.containsKey("variables")) {
            return StudySteps.list(opts.get("variables")).stream().map(String::valueOf).toList();
        }
        return variables;
    }

    /** Largest number of cross-validation folds over the steps (0 without CV). */
    int maxFolds() {
        int k = 0;
        for (Step s : steps) {
            if (s.step.equals("lasso")) {
                k = Math.max(k, s.intParam("nFolds"));
            }
        }
        return k;
    }

    /** The step that uses {@link #maxFolds()} folds. */
    Step foldStep() {
        Step best = null;
        for (Step s : steps) {
            if (s.step.equals("lasso") && (best == null || s.intParam("nFolds") > best.intParam("nFolds"))) {
                best = s;
            }
        }
        return best;
    }

    private static Map<String, Object> section(Map<String, Object> root, String key, boolean required) {
        Object v = root.get(key);
        if (v == null) {
            if (required) {
                throw new StudyConfigException("section '" + key + "' is missing from the study file");
            }
            return Map.of();
        }
        if (!(v instanceof Map)) {
            throw new StudyConfigException("section '" + key + "' must be a mapping");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) v;
        return m;
    }

    private static void unknownKeys(Map<String, Object> m, Set<String> known, String where) {
        for (Object k : m.keySet()) {
            if (!known.contains(String.valueOf(k))) {
                throw new StudyConfigException("unknown key '" + k + "' in " + where + "; known keys: "
                    + String.join(", ", new TreeSet<>(known)));
            }
        }
    }

    private static String str(Map<String, Object> m, String key, String dflt) {
        Object v = m.get(key);
        return v == null ? dflt : String.valueOf(v);
    }

    private static List<String> strings(Map<String, Object> m, String key) {
        Object v = m.get(key);
        return v == null ? List.of() : StudySteps.list(v).stream().map(String::valueOf).toList();
    }

    private static String fileStem(Path p) {
        String n = p.getFileName() == null ? "study" : p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }
}
