package org.radspark.filters;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decomposition filters (dec_lo, dec_hi) of a discrete wavelet, as published by PyWavelets; read from
 * the resource wavelet-filters.txt (see PYWAVELETS-LICENSE.txt beside it for provenance and licence).
 */
record WaveletFilterBank(String name, double[] decLo, double[] decHi) {
    private static final String RESOURCE = "wavelet-filters.txt";
    private static final Map<String, WaveletFilterBank> BANKS = load();

    /** The filter bank of a PyWavelets wavelet name ("coif1", "db4", "bior1.3", "haar", "dmey", ...). */
    static WaveletFilterBank of(String name) {
        WaveletFilterBank bank = BANKS.get(name);
        if (bank == null) {
            throw new IllegalArgumentException("unknown wavelet '" + name + "' (known: " + String.join(", ", BANKS.keySet())
                + ")");
        }
        return bank;
    }

    static Map<String, WaveletFilterBank> all() {
        return BANKS;
    }

    private static Map<String, WaveletFilterBank> load() {
        Map<String, WaveletFilterBank> m = new LinkedHashMap<>();
        try (InputStream in = WaveletFilterBank.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.trim().split(" ");
                if (parts.length != 3) {
                    throw new IllegalStateException(RESOURCE + ": malformed line '" + line + "'");
                }
                m.put(parts[0], new WaveletFilterBank(parts[0], numbers(parts[1]), numbers(parts[2])));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Collections.unmodifiableMap(m);
    }

    private static double[] numbers(String csv) {
        String[] s = csv.split(",");
        double[] v = new double[s.length];
        for (int i = 0; i < s.length; i++) {
            v[i] = Double.parseDouble(s[i]);
        }
        return v;
    }
}
