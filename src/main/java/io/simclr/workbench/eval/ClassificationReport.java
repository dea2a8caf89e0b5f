package io.simclr.workbench.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * Per-class precision, recall and F1, their macro averages and the confusion matrix (rows: true
 * class, columns: predicted), as scikit-learn's classification_report defines them; a class never
 * predicted has precision 0.
 */
public record ClassificationReport(double accuracy, List<ClassScores> classes, double macroPrecision, double macroRecall,
                                   double macroF1, int[][] confusion) {

    public record ClassScores(String name, double precision, double recall, double f1, int support) {}

    public static ClassificationReport of(int[] truth, int[] predicted, List<String> classNames) {
        int k = classNames.size();
        int[][] confusion = new int[k][k];
        int correct = 0;
        for (int i = 0; i < truth.length; i++) {
            confusion[truth[i]][predicted[i]]++;
            correct += truth[i] == predicted[i] ? 1 : 0;
        }
        List<ClassScores> scores = new ArrayList<>();
        double sumP = 0;
        double sumR = 0;
        double sumF = 0;
        for (int c = 0; c < k; c++) {
            int tp = confusion[c][c];
            int support = 0;
            int predictedAs = 0;
            for (int j = 0; j < k; j++) {
                support += confusion[c][j];
                predictedAs += confusion[j][c];
            }
            double precision = predictedAs == 0 ? 0 : (double) tp / predictedAs;
            double recall = support == 0 ? 0 : (double) tp / support;
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            scores.add(new ClassScores(classNames.get(c), precision, recall, f1, support));
            sumP += precision;
            sumR += recall;
            sumF += f1;
        }
        return new ClassificationReport(truth.length == 0 ? 0 : (double) correct / truth.length, List.copyOf(scores), sumP / k, sumR / k,
                sumF / k, confusion);
    }
}
