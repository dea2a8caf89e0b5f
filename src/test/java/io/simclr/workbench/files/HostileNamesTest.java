package io.simclr.workbench.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.simclr.workbench.embed.MapPicture;
import io.simclr.workbench.embed.RunMap;
import io.simclr.workbench.eval.ClassificationReport;
import io.simclr.workbench.eval.FineTuning;
import io.simclr.workbench.eval.RunEvaluation;
import io.simclr.workbench.json.Json;
import io.simclr.workbench.run.RunReport;
import io.simclr.workbench.train.RunFolder;
import io.simclr.workbench.train.Trainer;
import io.simclr.workbench.train.TrainingControl;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * Class folder names are the user's, and can look like markup or break a CSV row: every writer
 * keeps them data in its own format.
 */
class HostileNamesTest {

    static final List<String> NAMES = List.of("<script>alert('x')</script>", "cats, \"big\" & small", "line\nbreak");

    @TempDir
    Path dir;

    private static final float[] XY = {0, 0, 1, 1, 2, 0.5f};
    private static final int[] LABELS = {0, 1, 2};

    @Test
    void theSvgMapIsWellFormedAndItsTooltipsAndLegendAreTheNamesAsText() throws Exception {
        String svg = MapPicture.svg(XY, LABELS, NAMES, "t-SNE of <run>", "3 points & more");
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertEquals(0, doc.getElementsByTagName("script").getLength(), "no markup from a name");
        NodeList titles = doc.getElementsByTagName("title");
        assertEquals(3, titles.getLength());
        for (int i = 0; i < 3; i++) {
            assertEquals(NAMES.get(i), titles.item(i).getTextContent());
        }
        assertTrue(doc.getDocumentElement().getTextContent().contains(NAMES.get(1) + " (1)"), "the legend names each class with its count");
    }

    @Test
    void theMapCsvQuotesWhatMustBeQuotedAndReadsBackTheSameNames() throws Exception {
        Path csv = dir.resolve("tsne.csv");
        RunMap.writeMap(csv, new int[] {7, 8, 9}, LABELS, NAMES, XY);
        List<List<String>> rows = parseCsv(Files.readString(csv));
        assertEquals(List.of("index", "label", "class", "x", "y"), rows.get(0));
        assertEquals(4, rows.size(), "a name with a line break is still one row");
        for (int i = 0; i < 3; i++) {
            assertEquals(5, rows.get(i + 1).size());
            assertEquals(NAMES.get(i), rows.get(i + 1).get(2));
        }
    }

    /** RFC 4180, as a spreadsheet reads it. */
    static List<List<String>> parseCsv(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\n') {
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else {
                field.append(c);
            }
        }
        return rows;
    }

    @Test
    void theReportEscapesTheRunAndClassNamesAndEvalJsonKeepsThem() throws Exception {
        Path runDir = dir.resolve("<i>run</i>");
        RunFolder run = RunFolder.create(runDir, io.simclr.workbench.train.TrainerTest.tiny(1));
        new Trainer(run.readConfig(), run, new TrainingControl()).train(false);
        ClassificationReport perClass = ClassificationReport.of(new int[] {0, 1, 2, 2}, new int[] {0, 1, 2, 1}, NAMES);
        FineTuning.Result tuned = new FineTuning.Result(true, 1.0, 4, 50, perClass.accuracy(), perClass);
        RunEvaluation.Scores scores = new RunEvaluation.Scores(0.5, 0.6, 1e-3, 0.4);
        RunEvaluation.Report report = new RunEvaluation.Report(runDir.toString(), "epoch-0001.ckpt", "h", 4, 4, NAMES, 20, 0.1, scores, scores,
                List.of(tuned), List.of(tuned), "2026-11-29T00:00:00Z", null);
        AtomicFiles.writeString(runDir.resolve(RunEvaluation.FILE), Json.toJson(report));
        assertEquals(NAMES, RunEvaluation.read(runDir).orElseThrow().classNames(), "JSON keeps the names exactly");

        String html = Files.readString(RunReport.write(RunFolder.open(runDir)));
        assertFalse(html.contains("<script>alert"), "a class name is not markup");
        assertFalse(html.contains("<i>run</i>"), "nor is a run name");
        assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"), "it is shown as text");
        assertTrue(html.contains("cats, &quot;big&quot; &amp; small"));
        assertTrue(html.contains("&lt;i&gt;run&lt;/i&gt;"));
    }
}
