package org.radspark.io;

import java.util.Locale;

/** JSON string literals (RFC 8259, section 7): quotes, backslashes and control characters escaped. */
public final class JsonText {
    private JsonText() {
    }

    /** {@code s} as a quoted JSON string appended to {@code b}. */
    public static StringBuilder quote(String s, StringBuilder b) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"');
    }

    /** {@code s} as a quoted JSON string. */
    public static String quote(String s) {
        return quote(s, new StringBuilder(s.length() + 2)).toString();
    }
}
