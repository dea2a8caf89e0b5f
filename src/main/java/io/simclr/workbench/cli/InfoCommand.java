package io.simclr.workbench.cli;

import io.simclr.workbench.AppVersion;
import io.simclr.workbench.train.EngineInfo;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Print versions, the devices the engine sees, its threads, offline mode and where its native library came from.")
final class InfoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.printf("SimCLR Workbench %s%n", AppVersion.app());
        out.printf("Java              %s (%s, %s)%n", System.getProperty("java.version"), System.getProperty("java.vendor"),
                System.getProperty("java.home"));
        out.printf("OS                %s %s (%s), %d processors, max heap %,d MB%n", System.getProperty("os.name"),
                System.getProperty("os.version"), System.getProperty("os.arch"), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() / (1024 * 1024));
        out.flush();
        EngineInfo engine = EngineInfo.collect();
        out.printf("DJL               %s%n", engine.djlVersion());
        out.printf("Engine            %s, PyTorch %s%n", engine.engineName(), engine.pytorchVersion());
        out.printf("Devices           %d GPU(s); default device %s%n", engine.gpuCount(), engine.defaultDevice());
        out.printf("Threads           intra-op %d, inter-op %d%n", engine.intraOpThreads(), engine.interOpThreads());
        out.printf("Offline mode      %s%n", engine.offline() ? "on (nothing is downloaded)" : "off (the engine may download natives)");
        out.printf("Native library    %s%n", engine.nativeLibraryPath());
        out.printf("Engine cache      %s%n", engine.cacheDir());
        out.printf("RESULT engine=%s pytorch=%s djl=%s gpus=%d offline=%s%n", engine.engineName(), engine.pytorchVersion(),
                engine.djlVersion(), engine.gpuCount(), engine.offline());
        if (!engine.pytorchVersion().startsWith(AppVersion.pytorchBuiltWith())) {
            out.printf("warning: built for PyTorch %s but running %s%n", AppVersion.pytorchBuiltWith(), engine.pytorchVersion());
        }
        return 0;
    }
}
