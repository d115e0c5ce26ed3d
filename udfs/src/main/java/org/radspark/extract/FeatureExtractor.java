package org.radspark.extract;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 */
public final class FeatureExtractor {
    /** Engine version recorded in diagnostics and feature tables. */
    public static final String ENGINE_VERSION = "radspark-0.1.0";

    private final ExtractionParams params;

    public FeatureExtractor(ExtractionParams params) {
        this.params = params;
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
        Diagnostics.addImage(diag, image, "original");
        BoundingBox originalBox = Diagnostics.addMask(diag, mask, label, "original");
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
            Diagnostics.addImage(diag, image, "interpolated");
            Diagnostics.addMask(diag, mask, label, "interpolated");
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
            Diagnostics.addMask(diag, intensityMask, label, "resegmented");
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

        Map<String, Double> features = new LinkedHashMap<>();
        boolean shapeDone = false;
        for (String imageType : params.imageTypes().keySet()) {
            ExtractionSettings typeSettings = params.settingsFor(imageType);
            typeSettings.label = label;
            // derived images come cropped to the box, and one image type's are dropped before the next is derived
            List<DerivedImage> derivedImages =
                new ArrayList<>(DerivedImages.derive(imageType, image, intensityMask, typeSettings, box));
            for (int d = 0; d < derivedImages.size(); d++) {
                DerivedImage derived = derivedImages.set(d, null);
                Image cropped = derived.image();
                int[] levels;
                try {
                    levels = Discretizer.discretize(cropped.voxels(), roi, typeSettings.binWidth, typeSettings.binCount);
                } catch (IllegalArgumentException e) {
                    throw new ExtractionException(Stage.FEATURES, derived.name() + ": " + e.getMessage(), e);
                }
                RoiData data = new RoiData(box.size(0), box.size(1), box.size(2), cropped.geometry().spacing(),
                    cropped.voxels(), roi, shapeRoi, levels, typeSettings);
                if (!shapeDone) {
                    computeShape(data, s, features);
                    shapeDone = true;
                }
                computeFamilies(data, derived.name(), features);
            }
        }
        if (!shapeDone) {
            Image cropped = Cropper.crop(image, box);
            RoiData data = new RoiData(box.size(0), box.size(1), box.size(2), cropped.geometry().spacing(),
                cropped.voxels(), roi, shapeRoi, new int[roi.length], s);
            computeShape(data, s, features);
        }
        return new ExtractionResult(s.additionalInfo ? diag : Map.of(), features);
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

    private void computeFamilies(RoiData data, String imageTypeName, Map<String, Double> out) {
        for (Map.Entry<String, List<String>> e : params.featureClasses().entrySet()) {
            if (!FeatureFamilies.isShape(e.getKey())) {
                compute(FeatureFamilies.get(e.getKey()), e.getValue(), data, imageTypeName, out);
            }
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
