package org.radspark.ibsi2;

import org.radspark.image.Image;

// Gabor filter as defined in the IBSI-2 reference manual (arXiv:2006.05470); Gabor 1946, Daugman 1985.
/**
 * Modulus of the response to the complex 2D Gabor kernel
 * {@code exp(-(x'^2 + gamma^2 y'^2) / (2 sigma^2)) * exp(i 2 pi x' / lambda)}, with
 * {@code x' = x cos(theta) + y sin(theta)}, {@code y' = -x sin(theta) + y cos(theta)}; x, y, sigma and lambda
 * in mm. The kernel is sampled on the voxel grid out to {@code truncate * sigma * max(1, 1/gamma)} mm.
 * <ul>
 * <li>2D: filtered in the axial (x, y) plane, slice by slice.</li>
 * <li>3D: the 2D filter is applied in the three orthogonal planes (x-y, x-z, y-z) and the maps are
 * pooled.</li>
 * <li>Rotation invariance: orientations theta + n * thetaStep covering a full turn; their maps are
 * pooled together with the planes.</li>
 * </ul>
 */
public final class GaborFilter implements ConvolutionalFilter {
    private final double sigmaMm, lambdaMm, gamma, thetaDeg, thetaStepDeg, truncate;
    private final boolean orthogonalPlanes, rotationInvariant;
    private final Pooling pooling;
    private final BoundaryCondition boundary;

    /**
     * @param orthogonalPlanes false = 2D (axial), true = 3D orthogonal-plane filtering
     * @param thetaStepDeg step between orientations when {@code rotationInvariant}
     */
    public GaborFilter(double sigmaMm, double lambdaMm, double gamma, double thetaDeg, boolean rotationInvariant,
                       double thetaStepDeg, Pooling pooling, boolean orthogonalPlanes, double truncate,
                       BoundaryCondition boundary) {
        if (!(sigmaMm > 0) || !(lambdaMm > 0) || !(gamma > 0) || !(truncate > 0)) {
            throw new IllegalArgumentException("Gabor sigma, lambda, gamma and truncate must be positive");
        }
        if (rotationInvariant && !(thetaStepDeg > 0 && thetaStepDeg <= 360)) {
            throw new IllegalArgumentException("Gabor theta step must be in (0, 360] degrees, got " + thetaStepDeg);
        }
        this.sigmaMm = sigmaMm;
        this.lambdaMm = lambdaMm;
        this.gamma = gamma;
        this.thetaDeg = thetaDeg;
        this.thetaStepDeg = thetaStepDeg;
        this.truncate = truncate;
        this.orthogonalPlanes = orthogonalPlanes;
        this.rotationInvariant = rotationInvariant;
        this.pooling = pooling;
        this.boundary = boundary;
    }

    @Override
    public Image apply(Image image) {
        int[] dims = Volumes.dims(image);
        double[] spacing = image.geometry().spacing();
        int[][] planes = orthogonalPlanes ? new int[][] {{0, 1}, {0, 2}, {1, 2}} : new int[][] {{0, 1}};
        int orientations = rotationInvariant ? Math.max(1, (int) Math.round(360.0 / thetaStepDeg)) : 1;
        double[] acc = pooling.start(image.voxels().length);
        for (int[] p : planes) {
            double sa = spacing[p[0]], sb = spacing[p[1]];
            double reach = truncate * sigmaMm * Math.max(1.0, 1.0 / gamma);
            int ra = (int) Math.floor(reach / sa + 0.5), rb = (int) Math.floor(reach / sb + 0.5);
            for (int o = 0; o < orientations; o++) {
                double theta = Math.toRadians(thetaDeg + o * thetaStepDeg);
                int ka = 2 * ra + 1, kb = 2 * rb + 1;
                double[] kr = new double[ka * kb], ki = new double[ka * kb];
                double c = Math.cos(theta), s = Math.sin(theta);
                for (int v = 0; v < kb; v++) {
                    double y = (v - rb) * sb;
                    for (int u = 0; u < ka; u++) {
                        double x = (u - ra) * sa;
                        double xr = x * c + y * s, yr = -x * s + y * c;
                        double env = Math.exp(-(xr * xr + gamma * gamma * yr * yr) / (2 * sigmaMm * sigmaMm));
                        double phase = 2 * Math.PI * xr / lambdaMm;
                        kr[u + ka * v] = env * Math.cos(phase);
                        ki[u + ka * v] = env * Math.sin(phase);
                    }
                }
                pooling.add(acc, Convolver.planeModulus(image.voxels(), dims, p[0], p[1], kr, ki, ra, rb, boundary));
            }
        }
        pooling.finish(acc, planes.length * orientations);
        return Volumes.result(image, acc);
    }

    @Override
    public String describe() {
        return "gabor(sigma=" + sigmaMm + "mm, lambda=" + lambdaMm + "mm, gamma=" + gamma + ", theta=" + thetaDeg
            + (rotationInvariant ? ", step=" + thetaStepDeg + ", " + pooling : "")
            + (orthogonalPlanes ? ", 3D orthogonal planes" : ", 2D") + ", " + boundary + ")";
    }
}
