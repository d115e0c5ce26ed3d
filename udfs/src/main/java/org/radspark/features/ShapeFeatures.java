package org.radspark.features;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** 3D shape descriptors; formulas as in pyradiomics' radiomics/shape.py with the mesh of radiomics/src/cshape.c. */
public final class ShapeFeatures extends NamedFeatureFamily {

    public ShapeFeatures() {
        super("shape", ALL, DEFAULTS);
    }

    /** pyradiomics emits features in the order of dir() on the class, i.e. sorted by name. */
    private static final List<String> ALL = List.of(
        "Compactness1", "Compactness2", "Elongation", "Flatness", "LeastAxisLength", "MajorAxisLength",
        "Maximum2DDiameterColumn", "Maximum2DDiameterRow", "Maximum2DDiameterSlice", "Maximum3DDiameter",
        "MeshVolume", "MinorAxisLength", "SphericalDisproportion", "Sphericity", "SurfaceArea",
        "SurfaceVolumeRatio", "VoxelVolume");

    private static final Set<String> DEPRECATED = Set.of("Compactness1", "Compactness2", "SphericalDisproportion");

    private static final List<String> DEFAULTS = ALL.stream().filter(n -> !DEPRECATED.contains(n)).toList();

    @Override
    public void compute(RoiData roi, Set<String> enabled, Map<String, Double> out) {
        // numpy (z, y, x) view of the grid, padded by one voxel on every side as pyradiomics does
        int sz = roi.nz + 2, sy = roi.ny + 2, sx = roi.nx + 2;
        byte[] mask = new byte[sz * sy * sx];
        int count = 0;
        for (int k = 0; k < roi.nz; k++) {
            for (int j = 0; j < roi.ny; j++) {
                int src = roi.index(0, j, k);
                int dst = ((k + 1) * sy + (j + 1)) * sx + 1;
                for (int i = 0; i < roi.nx; i++) {
                    if (roi.shapeRoi[src + i] != 0) {
                        mask[dst + i] = 1;
                        count++;
                    }
                }
            }
        }
        if (count == 0) {
            throw new IllegalArgumentException("shape: the morphological ROI contains no voxels");
        }
        double[] spacing = {roi.spacing[2], roi.spacing[1], roi.spacing[0]};

        MarchingCubes mesh = MarchingCubes.run(mask, sz, sy, sx, spacing);
        double[] eig = Eigen.principalMoments(mask, sz, sy, sx, spacing, count);

        double v = mesh.volume;
        double a = mesh.surfaceArea;
        for (String f : featureNames()) {
            if (!enabled.contains(f)) {
                continue;
            }
            double value;
            switch (f) {
                case "MeshVolume": value = v; break;
                case "VoxelVolume": value = count * (spacing[0] * spacing[2] * spacing[1]); break;
                case "SurfaceArea": value = a; break;
                case "SurfaceVolumeRatio": value = a / v; break;
                case "Sphericity": value = Math.pow((36 * Math.PI) * (v * v), 1.0 / 3.0) / a; break;
                case "Compactness1": value = v / (Math.pow(a, 1.5) * Math.sqrt(Math.PI)); break;
                case "Compactness2": value = (36.0 * Math.PI) * (v * v) / Math.pow(a, 3.0); break;
                case "SphericalDisproportion": value = a / Math.pow((36 * Math.PI) * (v * v), 1.0 / 3.0); break;
                case "Maximum3DDiameter": value = mesh.diameters[3]; break;
                case "Maximum2DDiameterSlice": value = mesh.diameters[0]; break;
                case "Maximum2DDiameterColumn": value = mesh.diameters[1]; break;
                case "Maximum2DDiameterRow": value = mesh.diameters[2]; break;
                case "MajorAxisLength": value = Eigen.axisLength(eig[2]); break;
                case "MinorAxisLength": value = Eigen.axisLength(eig[1]); break;
                case "LeastAxisLength": value = Eigen.axisLength(eig[0]); break;
                case "Elongation": value = Eigen.ratio(eig[1], eig[2]); break;
                case "Flatness": value = Eigen.ratio(eig[0], eig[2]); break;
                default: throw new IllegalArgumentException("shape: unknown feature " + f);
            }
            out.put(f, value);
        }
    }
}
