package org.radspark.params;

import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/** A YAML syntax error as one line with its place: "line 3, column 5: expected ..." (SnakeYAML marks count from 0). */
public final class YamlProblems {
    private YamlProblems() {
    }

    public static String describe(YAMLException e) {
        if (e instanceof MarkedYAMLException m) {
            Mark mark = m.getProblemMark() != null ? m.getProblemMark() : m.getContextMark();
            String problem = m.getProblem() != null ? m.getProblem() : m.getContext();
            if (mark != null) {
                return "line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1) + ": "
                    + (problem == null ? "syntax error" : oneLine(problem));
            }
        }
        return oneLine(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }

    private static String oneLine(String s) {
        String t = s.strip();
        int nl = t.indexOf('\n');
        return (nl < 0 ? t : t.substring(0, nl)).strip();
    }
}
