package io.github.blockwatch.bench.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The growth curves as a PNG: above, the cost of a one-entry delta (µs, log scale) against the table size; below,
 * lookups per second (millions) against the table size; the size axis is logarithmic. Flat lines are
 * the goal.
 */
final class GrowthChart {
    /** Colours that stay apart on white and in greyscale print. */
    private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
        new Color(0x9467bd), new Color(0xff7f0e), new Color(0x8c564b), new Color(0x17becf)};

    private GrowthChart() {}

    static void write(List<JmhResult> results, Map<String, String> labels, String subtitle, Path png) throws IOException {
        XYSeriesCollection deltas = new XYSeriesCollection();
        XYSeriesCollection lookups = new XYSeriesCollection();
        Map<String, XYSeries> series = new TreeMap<>();
        for (JmhResult r : results) {
            if (r.ranges() < 0 || !(r.isDelta() || r.isLookup()) || r.score() <= 0) {
                continue;
            }
            XYSeries line = series.computeIfAbsent(r.series(), name -> {
                XYSeries s = new XYSeries(labels.getOrDefault(name, name));
                (r.isDelta() ? deltas : lookups).addSeries(s);
                return s;
            });
            line.add(r.ranges(), r.isDelta() ? 1e6 / r.score() : r.score() / 1e6);
        }
        LogAxis size = new LogAxis("ranges in the table (log scale)");
        size.setBase(10);
        size.setSmallestValue(1000);
        size.setRange(5_000, 4_000_000);
        size.setTickUnit(new NumberTickUnit(1)); // one tick per power of ten
        size.setNumberFormatOverride(new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT)));
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(size);
        plot.setGap(12);
        // Log scale for the deltas: the whole-topology series is in milliseconds, the others in microseconds,
        // and a flat line stays flat.
        LogAxis micros = new LogAxis("µs per one-entry delta, log scale (lower is better)");
        micros.setBase(10);
        micros.setTickUnit(new NumberTickUnit(1));
        micros.setNumberFormatOverride(new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT)));
        plot.add(subplot(deltas, micros, 0), 1);
        NumberAxis millions = new NumberAxis("million lookups/s (higher is better)");
        millions.setAutoRangeIncludesZero(true);
        plot.add(subplot(lookups, millions, deltas.getSeriesCount()), 1);
        JFreeChart chart = new JFreeChart("blockwatch: cost vs table size", new Font("SansSerif", Font.BOLD, 16), plot, true);
        chart.addSubtitle(new TextTitle(subtitle, new Font("SansSerif", Font.PLAIN, 11)));
        chart.setBackgroundPaint(Color.WHITE);
        ChartUtils.saveChartAsPNG(png.toFile(), chart, 1000, 700);
    }

    private static XYPlot subplot(XYSeriesCollection data, ValueAxis axis, int firstColour) {
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < data.getSeriesCount(); i++) {
            renderer.setSeriesStroke(i, new BasicStroke(2f));
            renderer.setSeriesPaint(i, PALETTE[(firstColour + i) % PALETTE.length]);
        }
        XYPlot plot = new XYPlot(data, null, axis, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        return plot;
    }
}
