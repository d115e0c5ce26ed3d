package org.radspark.extract;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.function.Supplier;
import org.radspark.extract.ExtractionException.Stage;
import org.radspark.features.FeatureFamilies;
import org.radspark.filters.DerivedImage;
import org.radspark.features.FeatureFamily;
import org.radspark.features.RoiData;
import org.radspark.image.Image;
import org.radspark.image.Mask;
import org.radspark.params.ExtractionParams;
import org.radspark.params.ExtractionSettings;
import org.radspark.preprocess.BoundingBox;
import org.radspark.preprocess.Cropper;
import org.radspark.preprocess.Discretizer;
import org.radspark.preprocess.MaskChecker;
import org.radspark.preprocess.Normalizer;
import org.radspark.preprocess.Resampler;
import org.radspark.preprocess.Resegmenter;
import org.radspark.preprocess.n4.N4BiasFieldCorrector;
import org.radspark.preprocess.n4.N4Settings;

/**
 * One case's extraction with pyradiomics' order of operations (featureextractor.execute): label check,
 * normalisation, resampling (or pre-crop), mask check, re-segmentation, shape on the morphological
 * mask, then every enabled image type cropped to the ROI's bounding box and discretised once, shared
 * by all enabled feature families. Filters compute only what the box needs (see
 * {@link org.radspark.filters.ImageFilter#applyCropped}), with values equal to cropping their whole-image
 * result. Thread-safe; one instance serves many cases.
 * <p>
 * With {@code threads} &gt; 1 one case's work is spread over that many threads: shape, each image type (its
 * filter and its derived images) and, within a derived image, each feature family are tasks of a fork-join pool,
 * and their results are put together in the sequential order, so the output is the same. Spark tasks and batch
 * cases use one thread each (their parallelism is across cases); a single case from the command line uses the
 * machine's cores.
 */
public final class FeatureExtractor {
    /** Engine version recorded in diagnostics and feature tables. */
    public static final String ENGINE_VERSION = "radspark-0.1.0";

    private final ExtractionParams params;
    /** Runs one case's tasks; null: everything on the calling thread. */
    private final ForkJoinPool pool;
    /** Whether the diagnostics_* values are computed (and, with the setting additionalInfo, returned). */
    private final boolean diagnostics;

    public FeatureExtractor(ExtractionParams params) {
        this(params, 1, true);
    }

    /**
     * @param threads     threads for one case's image types and feature families (1: the calling thread only)
     * @param diagnostics compute pyradiomics' diagnostics (hashes, statistics, mask geometry); false when nothing
     *                    will read them, which saves several passes over the whole image and mask
     */
    public FeatureExtractor(ExtractionParams params, int threads, boolean diagnostics) {
        this.diagnostics = diagnostics;
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.params = params;
        // worker threads are daemons: an extractor that is dropped without shutdown keeps no JVM alive
        this.pool = threads == 1 ? null : new ForkJoinPool(threads);
    }

    public ExtractionParams params() {
        return params;
    }

    /** Extracts with the parameter file's label. */
    public ExtractionResult extract(Image image, Mask mask) {
        return extract(image, mask, null);
    }

    /**
     * One case after pyradiomics' preprocessing, shared by segment- and voxel-based extraction: the (corrected,
     * normalised, resampled or pre-cropped) image, the checked mask (shape uses {@code shapeMask}), the mask after
     * re-segmentation ({@code intensityMask}), the ROI's bounding box on that grid and the diagnostics so far.
     */
    record Prepared(Image image, Mask intensityMask, Mask shapeMask, BoundingBox box, int label,
                    Map<String, String> diagnostics) {
    }

    /** Runs pyradiomics' steps up to re-segmentation; {@code labelOverride} (when not null) replaces the label. */
    Prepared prepare(Image image, Mask mask, Integer labelOverride) {
        ExtractionSettings s = params.settings();
        if (labelOverride != null) {
            s.label = labelOverride;
        }
        int label = s.label;
        Map<String, String> diag = new LinkedHashMap<>();
        diag.put("diagnostics_Versions_radspark", ENGINE_VERSION);
        diag.put("diagnostics_Versions_Java", System.getProperty("java.version"));
        diag.put("diagnostics_Configuration_Settings", org.radspark.params.PythonText.configurationSettings(params, label));
        diag.put("diagnostics_Configuration_EnabledImageTypes", org.radspark.params.PythonText.repr(params.imageTypes()));

        MaskChecker.requireLabel(mask, label);
        BoundingBox originalBox;
        if (diagnostics) {
            Diagnostics.addImage(diag, image, "original");
            originalBox = Diagnostics.addMask(diag, mask, label, "original");
        } else {
            originalBox = Cropper.boundingBox(mask, label);
        }
        Mask original = mask;

        if (s.n4BiasCorrection) {
            try {
                image = new N4BiasFieldCorrector(N4Settings.fromMap(s.n4)).correct(image, mask.only(label)).corrected();
            } catch (IllegalArgumentException e) {
                throw new ExtractionException(Stage.PREPROCESS, "N4 bias-field correction: " + e.getMessage(), e);
            }
        }
        if (s.normalize) {
            image = Normalizer.normalize(image, s.normalizeScale, s.removeOutliers);
        }
        if (s.interpolator != null && s.resampledPixelSpacing != null) {
            Resampler.Resampled r;
            try {
                r = Resampler.resample(image, mask, s.resampledPixelSpacing, s.interpolator, label, s.padDistance,
                    image.pixelType());
            } catch (IllegalArgumentException e) {
                throw new ExtractionException(Stage.PREPROCESS, "resampling: " + e.getMessage(), e);
            }
            image = r.image();
            mask = r.mask();
            if (diagnostics) {
                Diagnostics.addImage(diag, image, "interpolated");
                Diagnostics.addMask(diag, mask, label, "interpolated");
            }
        } else if (s.preCrop) {
            MaskChecker.CheckedMask pre = MaskChecker.check(image, mask, s, originalBox);
            BoundingBox padded = pre.boundingBox().padded(s.padDistance, image.geometry());
            image = Cropper.crop(image, padded);
            mask = Cropper.crop(pre.mask(), padded);
        }

        MaskChecker.CheckedMask checked = MaskChecker.check(image, mask, s, mask == original ? originalBox : null);
        mask = checked.mask();
        BoundingBox box = checked.boundingBox();
        Mask intensityMask = mask;
        if (s.resegmentRange != null) {
            intensityMask = Resegmenter.resegment(image, mask, label, s.resegmentRange, s.resegmentMode);
            box = MaskChecker.check(image, intensityMask, s).boundingBox();
            if (diagnostics) {
                Diagnostics.addMask(diag, intensityMask, label, "resegmented");
            }
        }
        Mask shapeMask = s.resegmentShape ? intensityMask : mask;
        return new Prepared(image, intensityMask, shapeMask, box, label, diag);
    }

    /** Extracts; {@code labelOverride} (when not null) replaces the parameter file's label. */
    public ExtractionResult extract(Image image, Mask mask, Integer labelOverride) {
        Prepared prepared = prepare(image, mask, labelOverride);
        ExtractionSettings s = params.settings();
        int label = prepared.label();
        image = prepared.image();
        Mask intensityMask = prepared.intensityMask();
        Mask shapeMask = prepared.shapeMask();
        BoundingBox box = prepared.box();
        Map<String, String> diag = prepared.diagnostics();

        byte[] shapeRoi = roiOf(Cropper.crop(shapeMask, box), label);
        byte[] roi = intensityMask == shapeMask ? shapeRoi : roiOf(Cropper.crop(intensityMask, box), label);

        // shape first, then the image types in the parameter file's order, each with its derived images in order
        List<Supplier<Map<String, Double>>> work = new ArrayList<>();
        Image original = image;
        BoundingBox roiBox = box;
        work.add(() -> {
            // shape reads only the masks and the spacing, which every derived image shares with the cropped original
            Image cropped = Cropper.crop(original, roiBox);
            RoiData data = new RoiData(roiBox.size(0), roiBox.size(1), roiBox.size(2), cropped.geometry().spacing(),
                cropped.voxels(), roi, shapeRoi, new int[roi.length], s);
            Map<String, Double> out = new LinkedHashMap<>();
            computeShape(data, s, out);
            return out;
        });
        for (String imageType : params.imageTypes().keySet()) {
            work.add(() -> imageTypeFeatures(imageType, original, intensityMask, roiBox, roi, shapeRoi, label));
        }
        Map<String, Double> features = new LinkedHashMap<>();
        for (Map<String, Double> part : runAll(work)) {
            features.putAll(part);
        }
        return new ExtractionResult(s.additionalInfo && diagnostics ? diag : Map.of(), features);
    }

    /** The features of one image type: its filter's derived images, each discretised once and given to every family. */
    private Map<String, Double> imageTypeFeatures(String imageType, Image image, Mask intensityMask, BoundingBox box,
                                                  byte[] roi, byte[] shapeRoi, int label) {
        ExtractionSettings typeSettings = params.settingsFor(imageType);
        typeSettings.label = label;
        Map<String, Double> out = new LinkedHashMap<>();
        // derived images come cropped to the box, and each is dropped once its features are computed
        List<DerivedImage> derivedImages =
            new ArrayList<>(DerivedImages.derive(imageType, image, intensityMask, typeSettings, box));
        for (int d = 0; d < derivedImages.size(); d++) {
            DerivedImage derived = derivedImages.set(d, null);
            RoiData data = discretised(derived, box, roi, shapeRoi, typeSettings);
            List<Supplier<Map<String, Double>>> families = new ArrayList<>();
            for (Map.Entry<String, List<String>> e : params.featureClasses().entrySet()) {
                if (!FeatureFamilies.isShape(e.getKey())) {
                    families.add(() -> {
                        Map<String, Double> values = new LinkedHashMap<>();
                        compute(FeatureFamilies.get(e.getKey()), e.getValue(), data, derived.name(), values);
                        return values;
                    });
                }
            }
            for (Map<String, Double> part : runAll(families)) {
                out.putAll(part);
            }
        }
        return out;
    }

    /**
     * A derived image (cropped to {@code box}) discretised over {@code roi} with the settings' bin width or count, as
     * every texture family reads it; a discretisation failure names the derived image.
     */
    static RoiData discretised(DerivedImage derived, BoundingBox box, byte[] roi, byte[] shapeRoi,
                               ExtractionSettings settings) {
        Image cropped = derived.image();
        int[] levels;
        try {
            levels = Discretizer.discretize(cropped.voxels(), roi, settings.binWidth, settings.binCount);
        } catch (IllegalArgumentException e) {
            throw new ExtractionException(Stage.FEATURES, derived.name() + ": " + e.getMessage(), e);
        }
        return new RoiData(box.size(0), box.size(1), box.size(2), cropped.geometry().spacing(), cropped.voxels(),
            roi, shapeRoi, levels, settings);
    }

    /**
     * The tasks' results in the tasks' order: on the calling thread one after another, or as fork-join tasks.
     * The first failure in task order is rethrown as it was thrown (the pool would otherwise re-create it).
     */
    private <T> List<T> runAll(List<Supplier<T>> tasks) {
        List<T> results = new ArrayList<>(tasks.size());
        if (pool == null || tasks.size() == 1) {
            for (Supplier<T> t : tasks) {
                results.add(t.get());
            }
            return results;
        }
        List<ForkJoinTask<Object>> forked = new ArrayList<>(tasks.size());
        for (Supplier<T> t : tasks) {
            forked.add(ForkJoinTask.adapt(() -> {
                try {
                    return t.get();
                } catch (RuntimeException | Error e) {
                    return new Failure(e);
                }
            }));
        }
        if (ForkJoinTask.inForkJoinPool()) {
            ForkJoinTask.invokeAll(forked);
        } else {
            pool.invoke(ForkJoinTask.adapt(() -> ForkJoinTask.invokeAll(forked)));
        }
        for (ForkJoinTask<Object> f : forked) {
            Object r = f.join();
            if (r instanceof Failure failure) {
                if (failure.thrown instanceof Error error) {
                    throw error;
                }
                throw (RuntimeException) failure.thrown;
            }
            @SuppressWarnings("unchecked")
            T t = (T) r;
            results.add(t);
        }
        return results;
    }

    /** A task's exception, carried out of the pool untouched. */
    private record Failure(Throwable thrown) {
    }

    private void computeShape(RoiData data, ExtractionSettings s, Map<String, Double> out) {
        for (Map.Entry<String, List<String>> e : params.featureClasses().entrySet()) {
            String name = e.getKey();
            if (!FeatureFamilies.isShape(name) || (name.equals("shape2D") && !s.force2D)) {
                continue;
            }
            compute(FeatureFamilies.get(name), e.getValue(), data, "original", out);
        }
    }

    private static void compute(FeatureFamily family, List<String> requested, RoiData data, String imageTypeName,
                                Map<String, Double> out) {
        Set<String> enabled = new LinkedHashSet<>(requested == null ? family.defaultFeatureNames() : requested);
        Map<String, Double> values = new LinkedHashMap<>();
        try {
            family.compute(data, enabled, values);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new ExtractionException(Stage.FEATURES, imageTypeName + "_" + family.name() + ": " + e.getMessage(), e);
        }
        String prefix = imageTypeName + "_" + family.name() + "_";
        for (Map.Entry<String, Double> v : values.entrySet()) {
            out.put(prefix + v.getKey(), v.getValue());
        }
    }

    static byte[] roiOf(Mask mask, int label) {
        int[] labels = mask.labels();
        byte[] roi = new byte[labels.length];
        for (int i = 0; i < labels.length; i++) {
            roi[i] = labels[i] == label ? (byte) 1 : 0;
        }
        return roi;
    }
}
