package org.radspark.ibsi.texture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.radspark.TestData;
import org.radspark.ibsi.IbsiValue;
import org.radspark.ibsi.IbsiVolume;
import org.radspark.image.Geometry;
import org.radspark.image.Image;
import org.radspark.image.Mask;
import org.radspark.io.MaskSelection;
import org.radspark.io.VolumeReaders;

/**
 * Every IBSI-1 digital-phantom reference row of the six texture families. The phantom is used as is
 * (grey levels 1..6 inside the mask, ng = 6, no processing), as the IBSI-1 configuration prescribes.
 */
class DigitalPhantomTextureTest {
    static final Set<String> FAMILIES = Set.of(GlcmFamily.FAMILY, GlrlmFamily.FAMILY, GlszmFamily.FAMILY,
        GldzmFamily.FAMILY, NgtdmFamily.FAMILY, NgldmFamily.FAMILY);

    static IbsiVolume phantom;
    static List<IbsiValue> computed;

    @BeforeAll
    static void load() {
        Image image = VolumeReaders.readImage(TestData.path("ibsi1/digital_phantom/image.nii.gz"), null);
        Geometry g = image.geometry();
        Mask mask = VolumeReaders.readMask(TestData.path("ibsi1/digital_phantom/mask.nii.gz"), g, MaskSelection.NONE);
        int n = (int) g.voxelCount();
        int[] levels = new int[n];
        byte[] roi = new byte[n];
        for (int idx = 0; idx < n; idx++) {
            if (mask.labels()[idx] != 0) {
                roi[idx] = 1;
                levels[idx] = (int) Math.round(image.voxels()[idx]);
            }
        }
        phantom = new IbsiVolume(g.nx(), g.ny(), g.nz(), g.spacing(), levels, roi, 6);
        computed = new ArrayList<>();
        computed.addAll(GlcmFamily.compute(phantom));
        computed.addAll(GlrlmFamily.compute(phantom));
        computed.addAll(GlszmFamily.compute(phantom));
        computed.addAll(GldzmFamily.compute(phantom, roi));
        computed.addAll(NgtdmFamily.compute(phantom));
        computed.addAll(NgldmFamily.compute(phantom));
    }

    @Test
    void phantomIsTheIbsiOne() {
        assertEquals(5, phantom.nx());
        assertEquals(4, phantom.ny());
        assertEquals(4, phantom.nz());
        int inRoi = 0;
        for (byte b : phantom.roi()) {
            inRoi += b;
        }
        assertEquals(74, inRoi);
    }

    @Test
    void namesCodesAndAggregationsAreThoseOfTheCsv() {
        List<IbsiReference.Row> rows = IbsiReference.rows("digital phantom", FAMILIES);
        Set<String> expected = rows.stream()
            .map(r -> r.family() + "|" + r.feature() + "|" + r.code() + "|" + r.aggregation())
            .collect(Collectors.toSet());
        Set<String> produced = computed.stream()
            .map(v -> v.family() + "|" + v.feature() + "|" + v.ibsiCode() + "|" + v.aggregation())
            .collect(Collectors.toSet());
        assertEquals(expected, produced);
        assertEquals(computed.size(), produced.size(), "duplicate outputs");
    }

    @Test
    void everyDigitalPhantomRowMatches() {
        List<IbsiReference.Row> rows = IbsiReference.rows("digital phantom", FAMILIES);
        assertEquals(25 * 6 + 16 * 6 + 16 * 3 * 2 + 5 * 3 + 17 * 3, rows.size());
        List<IbsiReference.Check> checks = IbsiReference.check(rows, computed);
        String md = IbsiReference.summary("IBSI-1 texture families: digital phantom", checks);
        IbsiReference.write("ibsi-texture-digital-phantom.md", md);
        System.out.println(md);
        long bad = checks.stream().filter(c -> !c.matched()).count();
        assertTrue(bad == 0, bad + " digital-phantom rows unmatched; see target/ibsi-texture-digital-phantom.md");
    }
}
