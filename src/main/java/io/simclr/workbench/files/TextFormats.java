package io.simclr.workbench.files;

/**
 * Text a user controls (class folder names, run names, lesson text) made safe for the format it is
 * written into, so a class folder named like markup or a CSV row stays data.
 */
public final class TextFormats {
    private TextFormats() {}

    /**
     * Text for HTML or XML (SVG) content and attribute values: the five special characters as
     * entities, and the control characters XML 1.0 forbids dropped.
     */
    public static String markup(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '\'' -> out.append("&#39;");
                case '"' -> out.append("&quot;");
                default -> {
                    if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /** One CSV field (RFC 4180): quoted, with quotes doubled, when it holds a comma, a quote or a line break. */
    public static String csvField(String text) {
        boolean quote = text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0;
        return quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }

    /** One field of a tab-separated file (TensorBoard's metadata): tabs and line breaks become spaces, as the format has no quoting. */
    public static String tsvField(String text) {
        return text.replace('\t', ' ').replace('\r', ' ').replace('\n', ' ');
    }

    /** A protocol-buffer text-format string literal, quotes included: backslashes, quotes and line breaks escaped. */
    public static String protoString(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
