package org.radspark.extract;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;
import java.util.stream.IntStream;
import org.radspark.extract.ExtractionException.Stage;
import org.radspark.features.FeatureFamilies;
import org.radspark.features.FeatureFamily;
import org.radspark.features.GlcmFeatures;
import org.radspark.features.KernelWindow;
import org.radspark.features.RoiData;
import org.radspark.features.VoxelKernel;
import org.radspark.filters.DerivedImage;
import org.radspark.image.Image;
import org.radspark.image.Mask;
import org.radspark.params.ExtractionParams;
import org.radspark.params.ExtractionSettings;
import org.radspark.params.PythonText;
import org.radspark.preprocess.BoundingBox;
import org.radspark.preprocess.Cropper;

// Voxel-based extraction as pyradiomics defines it: featureextractor.execute(voxelBased=True), base.py
// _calculateVoxels, firstorder._initVoxelBasedCalculation and the kernelRadius path of cmatrices.c.
/**
 * Computes feature maps: for every ROI voxel, the features of the kernel around it, one map per feature on the
 * ROI's bounding box padded by {@code kernelRadius}. Preprocessing is the segment extraction's ({@link
 * FeatureExtractor#prepare}); shape is not computed. Per image type the image is cropped to the padded box and
 * discretised once over the kernel mask's region (the ROI, or the whole box when {@code maskedKernel} is false);
 * each kernel is the centre voxel's box +/- kernelRadius clipped to the grid, and sees the kernel mask inside it.
 * Its matrices keep the grey levels of the whole region (see {@link VoxelKernel}). Voxels outside the ROI hold
 * {@code initValue}. The ROI voxels are taken in pyradiomics' order in batches of {@code voxelBatch} (all at once
 * by default), and the kernels of a batch are computed on {@code threads} threads. Thread-safe.
 */
public final class FeatureMapExtractor {
    /** pyradiomics' voxelSetting block with its defaults. */
    public record VoxelSettings(int kernelRadius, boolean maskedKernel, double initValue, int voxelBatch) {
        public static VoxelSettings of(ExtractionParams params) {
            Map<String, Object> v = params.voxelSettings();
            int radius = v.get("kernelRadius") == null ? 1 : ((Number) v.get("kernelRadius")).intValue();
            boolean masked = v.get("maskedKernel") == null || (Boolean) v.get("maskedKernel");
            double init = v.get("initValue") == null ? 0 : ((Number) v.get("initValue")).doubleValue();
            int batch = v.get("voxelBatch") == null ? -1 : ((Number) v.get("voxelBatch")).intValue();
            return new VoxelSettings(radius, masked, init, batch);
        }
    }

    /**
     * Diagnostics (as in segment mode, with 'voxelBased': True in the settings), the maps by feature name and the
     * number of ROI voxels (kernels per image).
     */
    public record FeatureMaps(Map<String, String> diagnostics, Map<String, Image> maps, long roiVoxels) {
    }

    /** Told how many kernels the case has (ROI voxels times derived images), then whenever some are done. */
    public interface Progress {
        void started(long kernels);

        void kernelsDone(int count);

        Progress NONE = new Progress() {
            @Override
            public void started(long kernels) {
            }

            @Override
            public void kernelsDone(int count) {
            }
        };
    }

    private static final int KERNELS_PER_TASK = 32;

    private final FeatureExtractor segment;
    private final ExtractionParams params;
    private final VoxelSettings voxel;

    public FeatureMapExtractor(ExtractionParams params) {
        this.params = params;
        this.segment = new FeatureExtractor(params);
        this.voxel = VoxelSettings.of(params);
        if (voxel.kernelRadius() < 1) {
            throw new IllegalArgumentException("voxelSetting.kernelRadius must be at least 1, got " + voxel.kernelRadius());
        }
    }

    public VoxelSettings voxelSettings() {
        return voxel;
    }

    /**
     * Computes the maps of every enabled image type and non-shape feature class; {@code labelOverride} (when not
     * null) replaces the parameter file's label, {@code threads} kernels are computed at a time.
     */
    public FeatureMaps extract(Image image, Mask mask, Integer labelOverride, int threads, Progress progress) {
        FeatureExtractor.Prepared prepared = segment.prepare(image, mask, labelOverride);
        int label = prepared.label();
        Map<String, String> diag = prepared.diagnostics();
        diag.put("diagnostics_Configuration_Settings", PythonText.voxelConfigurationSettings(params, label));

        BoundingBox box = prepared.box().padded(voxel.kernelRadius(), prepared.image().geometry());
        byte[] roi = FeatureExtractor.roiOf(Cropper.crop(prepared.intensityMask(), box), label);
        int[] centres = IntStream.range(0, roi.length).filter(v -> roi[v] != 0).toArray();
        byte[] kernelMask = roi;
        if (!voxel.maskedKernel()) {
            kernelMask = new byte[roi.length];
            java.util.Arrays.fill(kernelMask, (byte) 1);
        }

        Map<String, Image> maps = new LinkedHashMap<>();
        ForkJoinPool pool = threads > 1 ? new ForkJoinPool(threads) : null;
        try {
            // every derived image first (crops of the padded ROI box, small next to the maps), so that the
            // progress knows the whole work from the start
            List<DerivedImage> derivedImages = new ArrayList<>();
            List<ExtractionSettings> derivedSettings = new ArrayList<>();
            for (String imageType : params.imageTypes().keySet()) {
                ExtractionSettings typeSettings = params.settingsFor(imageType);
                typeSettings.label = label;
                for (DerivedImage d : DerivedImages.derive(imageType, prepared.image(), prepared.intensityMask(),
                    typeSettings, box)) {
                    derivedImages.add(d);
                    derivedSettings.add(typeSettings);
                }
            }
            progress.started((long) centres.length * derivedImages.size());
            for (int d = 0; d < derivedImages.size(); d++) {
                computeMaps(derivedImages.set(d, null), kernelMask, centres, box, derivedSettings.get(d), pool,
                    progress, maps);
            }
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
        return new FeatureMaps(diag, maps, centres.length);
    }

    private void computeMaps(DerivedImage derived, byte[] kernelMask, int[] centres, BoundingBox box,
                             ExtractionSettings settings, ForkJoinPool pool, Progress progress, Map<String, Image> maps) {
        RoiData grid = FeatureExtractor.discretised(derived, box, kernelMask, kernelMask, settings);
        int[] roiLevels = GlcmFeatures.presentLevels(grid);

        // one output array per enabled feature, in the order the families report them
        List<FamilyMaps> families = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : params.featureClasses().entrySet()) {
            if (FeatureFamilies.isShape(e.getKey())) {
                continue;
            }
            FeatureFamily family = FeatureFamilies.get(e.getKey());
            Set<String> enabled = new LinkedHashSet<>(e.getValue() == null ? family.defaultFeatureNames() : e.getValue());
            FamilyMaps fm = new FamilyMaps(family, enabled);
            for (String name : family.featureNames()) {
                if (enabled.contains(name)) {
                    double[] values = new double[kernelMask.length];
                    java.util.Arrays.fill(values, voxel.initValue());
                    fm.names.add(name);
                    fm.values.add(values);
                    maps.put(derived.name() + "_" + family.name() + "_" + name, new Image(derived.image().geometry(), values));
                }
            }
            families.add(fm);
        }
        boolean glcm = params.featureClasses().containsKey("glcm");
        int batch = voxel.voxelBatch() > 0 ? voxel.voxelBatch() : Math.max(centres.length, 1);
        for (int from = 0; from < centres.length; from += batch) {
            int[] part = java.util.Arrays.copyOfRange(centres, from, Math.min(from + batch, centres.length));
            VoxelKernel shared = glcm ? GlcmFeatures.voxelKernel(grid, kernelMask, roiLevels, part, voxel.kernelRadius())
                : new VoxelKernel(roiLevels, new int[0][], new boolean[0], false);
            Kernels task = new Kernels(derived.name(), grid, kernelMask, shared, part, 0, part.length, families, progress);
            if (pool == null) {
                task.invoke();
            } else {
                pool.invoke(task);
            }
        }
    }

    /** One family's enabled features and their maps' arrays. */
    private static final class FamilyMaps {
        final FeatureFamily family;
        final Set<String> enabled;
        final List<String> names = new ArrayList<>();
        final List<double[]> values = new ArrayList<>();

        FamilyMaps(FeatureFamily family, Set<String> enabled) {
            this.family = family;
            this.enabled = enabled;
        }
    }

    /** Kernels [from, to) of a batch; splits until a task has at most KERNELS_PER_TASK of them. */
    private final class Kernels extends RecursiveAction {
        private final String imageTypeName;
        private final RoiData grid;
        private final byte[] kernelMask;
        private final VoxelKernel shared;
        private final int[] centres;
        private final int from, to;
        private final List<FamilyMaps> families;
        private final Progress progress;

        Kernels(String imageTypeName, RoiData grid, byte[] kernelMask, VoxelKernel shared, int[] centres, int from,
                int to, List<FamilyMaps> families, Progress progress) {
            this.imageTypeName = imageTypeName;
            this.grid = grid;
            this.kernelMask = kernelMask;
            this.shared = shared;
            this.centres = centres;
            this.from = from;
            this.to = to;
            this.families = families;
            this.progress = progress;
        }

        @Override
        protected void compute() {
            if (to - from > KERNELS_PER_TASK) {
                int mid = (from + to) >>> 1;
                invokeAll(new Kernels(imageTypeName, grid, kernelMask, shared, centres, from, mid, families, progress),
                    new Kernels(imageTypeName, grid, kernelMask, shared, centres, mid, to, families, progress));
                return;
            }
            Map<String, Double> out = new LinkedHashMap<>();
            for (int c = from; c < to; c++) {
                int v = centres[c];
                RoiData kernel = KernelWindow.around(grid, v, voxel.kernelRadius()).cut(grid, kernelMask, shared);
                for (FamilyMaps fm : families) {
                    out.clear();
                    try {
                        fm.family.compute(kernel, fm.enabled, out);
                    } catch (IllegalArgumentException | ArithmeticException e) {
                        throw new ExtractionException(Stage.FEATURES, imageTypeName + "_" + fm.family.name()
                            + " (kernel at voxel " + v + "): " + e.getMessage(), e);
                    }
                    for (int f = 0; f < fm.names.size(); f++) {
                        Double value = out.get(fm.names.get(f));
                        if (value != null) {
                            fm.values.get(f)[v] = value;
                        }
                    }
                }
            }
            progress.kernelsDone(to - from);
        }
    }
}
