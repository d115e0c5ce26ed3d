package org.radspark.ibsi;

import java.util.List;

/**
 * The IBSI texture families (GLCM, GLRLM, GLSZM, GLDZM, NGTDM, NGLDM; IBSI-1 manual sections 3.6 to
 * 3.11), computed on the discretised intensity ROI. GLDZM also reads the morphological mask (distance
 * to the ROI border). Implementations return every aggregation they support, labelled as in the IBSI
 * reference tables.
 */
public interface IbsiTextureFamilies {

    /**
     * @param volume          discretised intensity ROI
     * @param morphologicalRoi the morphological mask on the same grid (1 = inside)
     * @param twoD            true for slice-wise (2D) configurations, where 3D aggregations are skipped
     */
    List<IbsiValue> compute(IbsiVolume volume, byte[] morphologicalRoi, boolean twoD);
}
