package io.simclr.workbench.cli;

import io.simclr.workbench.run.RunReport;
import io.simclr.workbench.train.RunFolder;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write report.html into a run folder: settings, training curves, evaluation, confusion matrix, t-SNE map,"
                + " versions and device, in one self-contained page.")
public final class ReportCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "RUN", description = "The run folder (runs/<name>).")
    Path runDir;

    @Override
    public Integer call() throws Exception {
        Path written = RunReport.write(RunFolder.open(runDir));
        spec.commandLine().getOut().printf("wrote %s%n", written);
        return 0;
    }
}
