package io.simclr.workbench.run;

/** What the experiment pages (sweep, comparison) share: the page's head and style, and the palette their series take colours from. */
final class ChartPage {
    private ChartPage() {}

    /** The start of a page titled {@code title}, up to and including {@code <body>}. */
    static StringBuilder start(String title) {
        return new StringBuilder("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>").append(SvgLineChart.escape(title))
                .append("</title><style>body{font-family:system-ui,sans-serif;max-width:1000px;margin:2rem auto;color:#222;padding:0 1rem}"
                        + ".charts{display:flex;flex-wrap:wrap;gap:12px}.chart{background:#fafafa;border:1px solid #eee}"
                        + ".chart .title{font-size:13px;font-weight:600}.chart .tick{font-size:10px;fill:#666}.chart .axis{font-size:11px}"
                        + ".chart .legend{font-size:11px}.chart .grid{stroke:#e6e6e6}.chart .frame{fill:none;stroke:#ccc}"
                        + "table{border-collapse:collapse}td,th{padding:.3rem .7rem;border-bottom:1px solid #eee;text-align:right}"
                        + "</style></head><body>");
    }

    /** The k-th colour of the palette the maps use, as CSS. */
    static String colour(int k) {
        java.awt.Color c = io.simclr.workbench.embed.MapPicture.colour(k);
        return String.format("#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
    }
}
