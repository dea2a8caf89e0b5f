package io.simclr.workbench.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.simclr.workbench.app.runs.RunsViewModel;
import io.simclr.workbench.data.DataConfig;
import io.simclr.workbench.exchange.PyTorchExport;
import io.simclr.workbench.run.RunSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Runs screen's export to PyTorch and import of an encoder trained elsewhere, as the buttons call them. */
class RunsExchangeTest {

    @TempDir
    Path runs;

    private static void await(BooleanSupplier done, String what) throws InterruptedException {
        long end = System.nanoTime() + 120_000_000_000L;
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    @Test
    void anExportedEncoderComesBackAsARunToEvaluateBesideTheOthers() throws Exception {
        TinyRun.train(runs.resolve("tiny"), 40);
        Executor direct = Runnable::run;
        RunCatalog catalog = new RunCatalog(runs, direct);
        RunsViewModel model = new RunsViewModel(catalog, direct);
        try {
            catalog.refresh();
            await(() -> !catalog.runs.isEmpty(), "the run list");
            RunSummary tiny = catalog.runs.get(0);
            Path weights = runs.resolve("exported").resolve("tiny.safetensors");
            model.exportToPyTorch(tiny, weights, false);
            await(() -> !model.message.get().isEmpty() || model.error.get() != null, "the export");
            assertEquals(null, model.error.get());
            assertTrue(Files.size(weights) > 1000 && Files.exists(PyTorchExport.descriptionFile(weights)), model.message.get());
            assertTrue(model.message.get().contains(weights.toString()), "the message says where: " + model.message.get());

            model.message.set("");
            model.importEncoder(weights, null, DataConfig.shapes().withCounts(40, 20));
            await(() -> !model.message.get().isEmpty() || model.error.get() != null, "the import");
            assertEquals(null, model.error.get());
            Path imported = runs.resolve("imported-tiny");
            assertEquals(imported, catalog.current.get(), "the imported encoder becomes the current run");
            await(() -> catalog.summary(imported).isPresent(), "the imported run in the list");
            RunSummary run = catalog.summary(imported).get();
            assertTrue(run.imported() && run.hasCheckpoint(), "listed as imported, ready to evaluate: " + run);
            assertEquals(tiny.encoder(), run.encoder());
        } finally {
            model.dispose();
            catalog.dispose();
        }
    }

    @Test
    void aFileThatIsNotSafetensorsIsNamedAndMakesNoRun() throws Exception {
        Path notWeights = runs.resolve("notes.safetensors");
        Files.writeString(notWeights, "not a tensor file");
        Executor direct = Runnable::run;
        RunCatalog catalog = new RunCatalog(runs, direct);
        RunsViewModel model = new RunsViewModel(catalog, direct);
        try {
            model.importEncoder(notWeights, null, DataConfig.shapes());
            await(() -> model.error.get() != null || !model.message.get().isEmpty(), "the import");
            assertNotNull(model.error.get(), model.message.get());
            assertTrue(model.error.get().contains(notWeights.toString()), model.error.get());
            assertTrue(Files.notExists(runs.resolve("imported-notes")), "nothing half-made is left");
        } finally {
            model.dispose();
            catalog.dispose();
        }
    }
}
