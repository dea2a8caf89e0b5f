package io.simclr.workbench.cli;

import io.simclr.workbench.AppVersion;
import io.simclr.workbench.data.DatasetException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;

/** The top-level command; each job is a sub-command. */
@Command(name = "simclr-workbench", mixinStandardHelpOptions = true, versionProvider = WorkbenchCommand.Version.class,
        description = "See contrastive self-supervised learning (SimCLR) happen.",
        subcommands = {HelpCommand.class, InfoCommand.class, PreviewCommand.class, TrainCommand.class, EvalCommand.class, TsneCommand.class, ExportCommand.class, ImportCommand.class, ReportCommand.class, SweepCommand.class, CompareCommand.class, AugStudyCommand.class, BackboneStudyCommand.class, EncodersCommand.class, BenchCommand.class})
public final class WorkbenchCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Runs {@code args} and returns the exit code: 0 done, 2 bad input or usage, 1 anything else. */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new WorkbenchCommand());
        cl.setUsageHelpAutoWidth(true);
        MethodOptions.describeMethodsIn(cl.getSubcommands().get("train"));
        MethodOptions.describeMethodsIn(cl.getSubcommands().get("compare"));
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            // Bad input is the user's to fix: one clear line, no stack trace.
            if (e instanceof DatasetException || e instanceof IllegalArgumentException
                    || e instanceof io.simclr.workbench.train.EngineUnavailableException || e instanceof io.simclr.workbench.train.RunInUseException) {
                commandLine.getErr().println("error: " + e.getMessage());
                return 2;
            }
            commandLine.getErr().println("error: " + e);
            e.printStackTrace(commandLine.getErr());
            return 1;
        });
        return cl;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"SimCLR Workbench " + AppVersion.app()};
        }
    }
}
