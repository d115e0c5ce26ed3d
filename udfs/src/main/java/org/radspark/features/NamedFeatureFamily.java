package org.radspark.features;

import java.util.List;

/**
 * Base of the pyradiomics feature families: the class name and its full and default feature lists, in the
 * order pyradiomics reports them (its getNAMEFeatureValue methods sorted by name, so MeanAbsoluteDeviation
 * comes before Mean).
 */
public abstract class NamedFeatureFamily implements FeatureFamily {
    private final String name;
    private final List<String> all;
    private final List<String> defaults;

    protected NamedFeatureFamily(String name, List<String> all, List<String> defaults) {
        this.name = name;
        this.all = pyradiomicsOrder(all);
        this.defaults = pyradiomicsOrder(defaults);
    }

    /** Sorted as pyradiomics lists a class's features: by the name of the method computing each. */
    static List<String> pyradiomicsOrder(List<String> names) {
        return names.stream().sorted(java.util.Comparator.comparing(n -> "get" + n + "FeatureValue")).toList();
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final List<String> featureNames() {
        return all;
    }

    @Override
    public final List<String> defaultFeatureNames() {
        return defaults;
    }
}
