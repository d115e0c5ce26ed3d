package org.radspark.ibsi.texture;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.radspark.ibsi.IbsiValue;
import org.radspark.ibsi.IbsiVolume;

/** IBSI-1 grey level run length matrix family (manual section "Grey level run length based features", TP0I). */
public final class GlrlmFamily {
    public static final String FAMILY = "grey level run length matrix (GLRLM)";

    static final String[] NAMES = {
        "Short runs emphasis", "Long runs emphasis",
        "Low grey level run emphasis", "High grey level run emphasis",
        "Short run low grey level emphasis", "Short run high grey level emphasis",
        "Long run low grey level emphasis", "Long run high grey level emphasis",
        "Grey level non-uniformity", "Normalised grey level non-uniformity",
        "Run length non-uniformity", "Normalised run length non-uniformity",
        "Run percentage", "Grey level variance", "Run length variance", "Run entropy",
    };
    static final String[] CODES = {
        "22OV", "W4KF", "V3SW", "G3QZ", "HTZT", "GD3A", "IVPO", "3KUM",
        "R5YN", "OVBL", "W92Y", "IC23", "9ZK5", "8CE5", "SXLW", "HJ9O",
    };

    private GlrlmFamily() {
    }

    /**
     * All 16 GLRLM features at the six IBSI aggregations (as for the GLCM). Runs follow the 4 in-plane
     * directions per slice for 2D/2.5D and the 13 directions for 3D; in-plane runs never leave their
     * slice, so the slice matrices summed over slices are also the 3D matrices of those 4 directions.
     * The run percentage divides by the voxel count of every matrix that was merged (N_v per slice or
     * volume times the number of merged direction matrices).
     */
    public static List<IbsiValue> compute(IbsiVolume v) {
        TextureSupport.checkLevels(v);
        int ng = v.ng();
        int nx = v.nx(), ny = v.ny(), nz = v.nz();
        int[] lv = v.levels();
        int nd = TextureSupport.DIRECTIONS.length;
        int ncol = Math.max(nx, Math.max(ny, nz));
        int cells = ng * ncol;
        double[][] slice = new double[TextureSupport.IN_PLANE][cells];
        double[][] volume = new double[nd][cells];
        double[] sliceMerged = new double[cells];
        TextureSupport.Mean avg2d = new TextureSupport.Mean(NAMES.length);
        TextureSupport.Mean merged2d = new TextureSupport.Mean(NAMES.length);
        long nRoi = 0;

        for (int k = 0; k < nz; k++) {
            int nSlice = 0;
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    int idx = v.index(i, j, k);
                    if (!TextureSupport.inRoi(v, idx)) {
                        continue;
                    }
                    nSlice++;
                    int g = lv[idx];
                    for (int d = 0; d < nd; d++) {
                        int[] dir = TextureSupport.DIRECTIONS[d];
                        // a run starts here unless the previous voxel along the direction continues it
                        int ip = i - dir[0], jp = j - dir[1], kp = k - dir[2];
                        if (ip >= 0 && ip < nx && jp >= 0 && jp < ny && kp >= 0 && kp < nz) {
                            int prev = v.index(ip, jp, kp);
                            if (TextureSupport.inRoi(v, prev) && lv[prev] == g) {
                                continue;
                            }
                        }
                        int len = 1;
                        int i2 = i + dir[0], j2 = j + dir[1], k2 = k + dir[2];
                        while (i2 >= 0 && i2 < nx && j2 >= 0 && j2 < ny && k2 >= 0 && k2 < nz) {
                            int nxt = v.index(i2, j2, k2);
                            if (!TextureSupport.inRoi(v, nxt) || lv[nxt] != g) {
                                break;
                            }
                            len++;
                            i2 += dir[0];
                            j2 += dir[1];
                            k2 += dir[2];
                        }
                        double[] m = d < TextureSupport.IN_PLANE ? slice[d] : volume[d];
                        m[(g - 1) * ncol + len - 1] += 1;
                    }
                }
            }
            if (nSlice == 0) {
                continue;
            }
            nRoi += nSlice;
            Arrays.fill(sliceMerged, 0);
            for (int d = 0; d < TextureSupport.IN_PLANE; d++) {
                avg2d.add(TextureSupport.matrixFeatures(slice[d], ng, ncol, nSlice));
                TextureSupport.add(sliceMerged, slice[d]);
                TextureSupport.add(volume[d], slice[d]);
                Arrays.fill(slice[d], 0);
            }
            merged2d.add(TextureSupport.matrixFeatures(sliceMerged, ng, ncol,
                (double) nSlice * TextureSupport.IN_PLANE));
        }

        List<IbsiValue> out = new ArrayList<>(NAMES.length * 6);
        TextureSupport.emit(out, FAMILY, NAMES, CODES, "2D, averaged", avg2d.mean());
        TextureSupport.emit(out, FAMILY, NAMES, CODES, "2D, slice-merged", merged2d.mean());

        TextureSupport.Mean dirMerged = new TextureSupport.Mean(NAMES.length);
        double[] all2d = new double[cells];
        for (int d = 0; d < TextureSupport.IN_PLANE; d++) {
            dirMerged.add(TextureSupport.matrixFeatures(volume[d], ng, ncol, nRoi));
            TextureSupport.add(all2d, volume[d]);
        }
        TextureSupport.emit(out, FAMILY, NAMES, CODES, "2.5D, direction-merged", dirMerged.mean());
        TextureSupport.emit(out, FAMILY, NAMES, CODES, "2.5D, merged",
            TextureSupport.matrixFeatures(all2d, ng, ncol, (double) nRoi * TextureSupport.IN_PLANE));

        TextureSupport.Mean avg3d = new TextureSupport.Mean(NAMES.length);
        double[] all3d = new double[cells];
        for (int d = 0; d < nd; d++) {
            avg3d.add(TextureSupport.matrixFeatures(volume[d], ng, ncol, nRoi));
            TextureSupport.add(all3d, volume[d]);
        }
        TextureSupport.emit(out, FAMILY, NAMES, CODES, "3D, averaged", avg3d.mean());
        TextureSupport.emit(out, FAMILY, NAMES, CODES, "3D, merged",
            TextureSupport.matrixFeatures(all3d, ng, ncol, (double) nRoi * nd));
        return out;
    }
}
