package org.radspark.filters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.radspark.image.Geometry;
import org.radspark.image.Image;
import org.radspark.image.PixelType;
import org.radspark.params.ExtractionParams;
import org.radspark.params.ExtractionSettings;
import org.radspark.params.ParamFileParser;

/**
 * LoG (ITK's Deriche recursive Gaussian). On brain1 the filter is compared with ITK 5.2.1 itself
 * (testdata/pyradiomics-filters/itk_reference, the filter SimpleITK wraps): bit-identical float32 values.
 * It is also checked by properties that hold exactly or nearly exactly, and against scipy.ndimage.gaussian_laplace (a sampled,
 * truncated Gaussian kernel) on a smooth synthetic volume, where the two approximations of the same
 * operator differ by the Deriche fit error (about 1e-3 of the peak response) and by their different
 * boundary handling.
 */
class LoGImageTest {
    /** Same formula as make_reference.py's synthetic(): two broad Gaussian blobs on a 48x44x40 grid. */
    static Image synthetic() {
        int nx = 48, ny = 44, nz = 40;
        double[] sp = {1.0, 1.25, 1.5};
        Geometry g = new Geometry(nx, ny, nz, sp, new double[3], Geometry.identityDirection());
        double[] v = new double[nx * ny * nz];
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    double x = i * sp[0], y = j * sp[1], z = k * sp[2];
                    double a = 100 * Math.exp(-(sq(x - 20) + sq(y - 22) + sq(z - 24)) / (2 * 6.0 * 6.0));
                    double b = -60 * Math.exp(-(sq(x - 28) + sq(y - 18) + sq(z - 20)) / (2 * 4.0 * 4.0));
                    v[g.index(i, j, k)] = a + b;
                }
            }
        }
        return new Image(g, v);
    }

    private static double sq(double x) {
        return x * x;
    }

    @Test
    void agreesWithScipyGaussianLaplaceOnSmoothVolume() {
        Image img = synthetic();
        for (String sigma : new String[] {"1.0", "3.0"}) {
            double[] log = LoGImage.laplacian(img, Double.parseDouble(sigma));
            double peak = 0;
            for (double x : log) {
                peak = Math.max(peak, Math.abs(x));
            }
            for (Map.Entry<String, Double> e : FilterReference.of("synthetic-log-" + sigma).entrySet()) {
                String[] ijk = e.getKey().substring(2).split("_");
                double actual = log[img.geometry().index(Integer.parseInt(ijk[0]), Integer.parseInt(ijk[1]),
                    Integer.parseInt(ijk[2]))];
                System.out.printf("sigma %s %s scipy %.6f deriche %.6f rel-to-peak %.2e%n", sigma, e.getKey(), e.getValue(),
                    actual, Math.abs(actual - e.getValue()) / peak);
                // sigma 1 mm is below one voxel along y and z, where both discretisations depart from the
                // continuous operator (scipy by up to 8 % of the peak there); at sigma 3 mm they agree closely
                double tolerance = sigma.equals("1.0") ? 0.1 : 0.02;
                assertEquals(e.getValue(), actual, tolerance * peak, "sigma " + sigma + " " + e.getKey());
            }
        }
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "sigma {0} mm")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"1.0", "3.0"})
    void matchesItkOnWholeBrain1(String sigma) {
        ExtractionSettings s = new ExtractionSettings();
        s.sigma = new double[] {Double.parseDouble(sigma)};
        s.sigmaText = new String[] {sigma};
        List<DerivedImage> out = new LoGImage().apply(FilterReference.brain1(), FilterReference.brain1Mask(), s);
        assertEquals(1, out.size());
        String name = "log-sigma-" + sigma.replace('.', '-') + "-mm-3D";
        assertEquals(name, out.get(0).name());
        FilterReference.assertMatchesItk(name, out.get(0).image());
    }

    @Test
    void constantImageGivesZero() {
        Geometry g = new Geometry(12, 10, 8, new double[] {0.8, 0.8, 2.5}, new double[3], Geometry.identityDirection());
        double[] v = new double[960];
        java.util.Arrays.fill(v, 1000);
        for (double sigma : new double[] {1, 3}) {
            for (double x : LoGImage.laplacian(new Image(g, v), sigma)) {
                assertEquals(0, x, 1e-9 * 1000);
                break;
            }
        }
    }

    @Test
    void normalisedResponseToGaussianBlobOfSameSigma() {
        // blob A exp(-r^2 / 2t^2) smoothed by G_sigma is Gaussian of variance t^2 + sigma^2 with peak
        // A (t^2 / (t^2 + sigma^2))^(3/2); sigma^2 times its Laplacian at the centre is -3 sigma^2 / (t^2 + sigma^2)
        // times that peak: for sigma = t, -3/2 * 2^(-3/2) A
        int n = 41;
        double t = 3;
        Geometry g = new Geometry(n, n, n, new double[] {1, 1, 1}, new double[3], Geometry.identityDirection());
        double[] v = new double[n * n * n];
        for (int k = 0; k < n; k++) {
            for (int j = 0; j < n; j++) {
                for (int i = 0; i < n; i++) {
                    v[g.index(i, j, k)] = 100 * Math.exp(-(sq(i - 20) + sq(j - 20) + sq(k - 20)) / (2 * t * t));
                }
            }
        }
        double centre = LoGImage.laplacian(new Image(g, v), t)[g.index(20, 20, 20)];
        System.out.println("blob " + centre + " vs " + (-1.5 * Math.pow(2, -1.5) * 100));
        // Deriche's 4-term fit of the second derivative is within about 1 % here (scipy's sampled kernel
        // gives -53.0330 for this volume)
        assertEquals(-1.5 * Math.pow(2, -1.5) * 100, centre, 0.02 * 53.033);
    }

    @Test
    void namesFollowPythonStrOfTheYamlValueAndSkipRulesApply() {
        ExtractionParams p = ParamFileParser.parse("imageType:\n  LoG: {sigma: [1, 1.0, 2.5, 20]}\n", "t.yaml");
        ExtractionSettings s = p.settingsFor("LoG");
        Image img = synthetic(); // sizes 48, 44, 40 at spacing 1, 1.25, 1.5: sigma 20 needs ceil(20/1.5)+1 = 15 slices
        List<DerivedImage> out = new LoGImage().apply(img, null, s);
        assertEquals(List.of("log-sigma-1-mm-3D", "log-sigma-1-0-mm-3D", "log-sigma-2-5-mm-3D", "log-sigma-20-mm-3D"),
            out.stream().map(DerivedImage::name).toList());
        assertEquals(PixelType.FLOAT32, out.get(0).image().pixelType());
        s.sigma = new double[] {60};
        s.sigmaText = null;
        // sigma 60 mm needs ceil(60 / 1.5) + 1 = 41 slices; the image has 40
        assertTrue(new LoGImage().apply(img, null, s).isEmpty());
        Geometry small = new Geometry(3, 10, 10, new double[] {1, 1, 1}, new double[3], Geometry.identityDirection());
        s.sigma = new double[] {1};
        assertTrue(new LoGImage().apply(new Image(small, new double[300]), null, s).isEmpty());
    }
}
