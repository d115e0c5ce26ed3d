package org.radspark.features;

import java.util.List;

/** Base of the pyradiomics feature families: the class name and its full and default feature lists. */
public abstract class NamedFeatureFamily implements FeatureFamily {
    private final String name;
    private final List<String> all;
    private final List<String> defaults;

    protected NamedFeatureFamily(String name, List<String> all, List<String> defaults) {
        this.name = name;
        this.all = List.copyOf(all);
        this.defaults = List.copyOf(defaults);
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
