package org.radspark.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Minimal GNU-style argument parser: positionals, --flag and --option VALUE (or --option=VALUE). */
final class Args {
    final List<String> positionals = new ArrayList<>();
    final Map<String, String> options = new HashMap<>();
    final java.util.Set<String> flags = new java.util.HashSet<>();

    static Args parse(String[] argv, int from, Set<String> valueOptions, Set<String> flagOptions) {
        Args a = new Args();
        for (int i = from; i < argv.length; i++) {
            String s = argv[i];
            if (s.startsWith("--")) {
                String name = s.substring(2);
                String value = null;
                int eq = name.indexOf('=');
                if (eq >= 0) {
                    value = name.substring(eq + 1);
                    name = name.substring(0, eq);
                }
                if (flagOptions.contains(name)) {
                    if (value != null) {
                        throw new UsageException("option --" + name + " takes no value");
                    }
                    a.flags.add(name);
                } else if (valueOptions.contains(name)) {
                    if (value == null) {
                        if (i + 1 >= argv.length) {
                            throw new UsageException("option --" + name + " needs a value");
                        }
                        value = argv[++i];
                    }
                    a.options.put(name, value);
                } else {
                    throw new UsageException("unknown option --" + name);
                }
            } else {
                a.positionals.add(s);
            }
        }
        return a;
    }

    Integer intOption(String name) {
        String v = options.get(name);
        if (v == null) {
            return null;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new UsageException("option --" + name + " needs an integer, got '" + v + "'");
        }
    }

    /** Bad command-line usage: exit code 2. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
