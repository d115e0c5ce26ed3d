package org.radspark.ibsi.texture;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.radspark.ibsi.IbsiValue;
import org.radspark.ibsi.IbsiVolume;

/** IBSI-1 neighbouring grey level dependence matrix family (manual section "Neighbouring grey level dependence based features", REK0). */
public final class NgldmFamily {
    public static final String FAMILY = "neighbouring grey level dependence matrix (NGLDM)";

    static final String[] NAMES = {
        "Low dependence emphasis", "High dependence emphasis",
        "Low grey level count emphasis", "High grey level count emphasis",
        "Low dependence low grey level emphasis", "Low dependence high grey level emphasis",
        "High dependence low grey level emphasis", "High dependence high grey level emphasis",
        "Grey level non-uniformity", "Normalised grey level non-uniformity",
        "Dependence count non-uniformity", "Normalised dependence count non-uniformity",
        "Dependence count percentage", "Grey level variance", "Dependence count variance",
        "Dependence count entropy", "Dependence count energy",
    };
    static final String[] CODES = {
        "SODN", "IMOQ", "TL9H", "OAE7", "EQ3F", "JA6D", "NBZI", "9QMG",
        "FP8K", "5SPA", "Z87G", "OKJI", "6XV8", "1PFV", "DNX2", "FCBV", "CAS9",
    };

    private NgldmFamily() {
    }

    /**
     * All 17 NGLDM features at "2D" (8 in-plane neighbours, per-slice features averaged), "2.5D"
     * (slice matrices summed) and "3D" (26 neighbours), with Chebyshev distance 1 and coarseness
     * alpha = 0: the dependence of a ROI voxel is 1 + the number of ROI neighbours with the same grey
     * level, so matrix columns run 1..9 (2D) or 1..27 (3D). Every ROI voxel is counted, so the
     * dependence count percentage is 1.
     */
    public static List<IbsiValue> compute(IbsiVolume v) {
        TextureSupport.checkLevels(v);
        int ng = v.ng();
        int nx = v.nx(), ny = v.ny(), nz = v.nz();
        int[] lv = v.levels();
        int c2 = 9, c3 = 27;
        double[] m2 = new double[ng * c2];
        double[] m25 = new double[ng * c2];
        double[] m3 = new double[ng * c3];
        TextureSupport.Mean mean2d = new TextureSupport.Mean(NAMES.length);
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
                    int depPlane = 0, depAll = 0;
                    for (int dz = -1; dz <= 1; dz++) {
                        int kk = k + dz;
                        if (kk < 0 || kk >= nz) {
                            continue;
                        }
                        for (int dy = -1; dy <= 1; dy++) {
                            int jj = j + dy;
                            if (jj < 0 || jj >= ny) {
                                continue;
                            }
                            for (int dx = -1; dx <= 1; dx++) {
                                int ii = i + dx;
                                if (ii < 0 || ii >= nx || (dx == 0 && dy == 0 && dz == 0)) {
                                    continue;
                                }
                                int nb = v.index(ii, jj, kk);
                                if (TextureSupport.inRoi(v, nb) && lv[nb] == g) {
                                    depAll++;
                                    if (dz == 0) {
                                        depPlane++;
                                    }
                                }
                            }
                        }
                    }
                    m2[(g - 1) * c2 + depPlane] += 1;
                    m3[(g - 1) * c3 + depAll] += 1;
                }
            }
            if (nSlice == 0) {
                continue;
            }
            nRoi += nSlice;
            mean2d.add(TextureSupport.matrixFeatures(m2, ng, c2, nSlice));
            TextureSupport.add(m25, m2);
            Arrays.fill(m2, 0);
        }
        List<IbsiValue> out = new ArrayList<>(NAMES.length * 3);
        TextureSupport.emit(out, FAMILY, NAMES, CODES, TextureSupport.AGG_2D, mean2d.mean());
        TextureSupport.emit(out, FAMILY, NAMES, CODES, TextureSupport.AGG_25D,
            TextureSupport.matrixFeatures(m25, ng, c2, nRoi));
        TextureSupport.emit(out, FAMILY, NAMES, CODES, TextureSupport.AGG_3D,
            TextureSupport.matrixFeatures(m3, ng, c3, nRoi));
        return out;
    }
}
