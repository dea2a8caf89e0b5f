package io.simclr.workbench.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.simclr.workbench.data.DataConfig;
import io.simclr.workbench.json.Json;
import io.simclr.workbench.method.MethodConfig;
import io.simclr.workbench.method.MethodKind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every method's settings in a config: defaults, files that change a few, and errors that name the key, the value and what is allowed. */
class MethodSettingsTest {

    @TempDir
    Path dir;

    private static final TrainConfig BASE = TrainConfig.defaults(DataConfig.shapes());

    private static TrainConfig overlay(String json) {
        return TrainConfigJson.overlay(BASE, Json.parseObject(json, "test.json"), "test.json");
    }

    private static String problems(String json) {
        var e = assertThrows(IllegalArgumentException.class, () -> overlay(json).validated("test.json"));
        return e.getMessage();
    }

    @ParameterizedTest
    @EnumSource(MethodKind.class)
    void everyMethodsDefaultsAreValidAndRoundTripThroughJson(MethodKind kind) {
        TrainConfig config = BASE.withMethod(TrainConfig.defaultMethod(kind, BASE.data()));
        assertEquals(List.of(), config.problems());
        assertEquals(config, overlay(Json.toJson(config)));
        assertEquals(config.method(), overlay("{\"method\": {\"name\": \"" + kind.id() + "\"}}").method(), "a name alone brings its defaults");
    }

    @Test
    void theDefaultsAreThePapers() {
        MethodConfig.MoCo moco = MethodConfig.defaults(MethodKind.MOCO, 0.5).moco();
        assertEquals(List.of(0.2, 4096.0, 0.99, 0.99), List.of(moco.temperature(), (double) moco.queueSize(), moco.momentum(), moco.finalMomentum()));
        MethodConfig.MemoryBank bank = MethodConfig.defaults(MethodKind.MEMORY_BANK, 0.5).memoryBank();
        assertEquals(List.of(0.07, 4096.0, 0.5), List.of(bank.temperature(), (double) bank.negatives(), bank.momentum()));
        MethodConfig.Byol byol = MethodConfig.defaults(MethodKind.BYOL, 0.5).byol();
        assertEquals(List.of(0.99, 1.0), List.of(byol.momentum(), byol.finalMomentum()));
        MethodConfig.SimSiam simsiam = MethodConfig.defaults(MethodKind.SIMSIAM, 0.5).simsiam();
        assertTrue(simsiam.stopGradient() && simsiam.predictor());
        assertEquals(0.0051, MethodConfig.defaults(MethodKind.BARLOW_TWINS, 0.5).barlowTwins().lambda());
        MethodConfig.SwAV swav = MethodConfig.defaults(MethodKind.SWAV, 0.5).swav();
        assertEquals(List.of(0.1, 100.0, 3.0, 0.05, 1.0), List.of(swav.temperature(), (double) swav.prototypes(), (double) swav.sinkhornIterations(),
                swav.sinkhornEpsilon(), (double) swav.freezePrototypesEpochs()));
    }

    @Test
    void aFileMayChangeOneSettingOfAMethod() {
        TrainConfig config = overlay("{\"method\": {\"name\": \"moco\", \"moco\": {\"queueSize\": 8192}}}");
        assertEquals(MethodKind.MOCO, config.method().name());
        assertEquals(8192, config.method().moco().queueSize());
        assertEquals(0.2, config.method().moco().temperature(), 1e-12, "the rest are MoCo's defaults");
        assertNull(config.method().simclr(), "SimCLR's section goes with the switch");
        assertEquals("moco (temperature 0.2, queueSize 8192, momentum 0.99, finalMomentum 0.99, batchNormSplits 0)", config.method().describe());
    }

    @Test
    void aQueueThatIsNotAMultipleOfTheBatchIsNamed() {
        String message = problems("{\"method\": {\"name\": \"moco\", \"moco\": {\"queueSize\": 1000}}}");
        assertTrue(message.contains("method.moco.queueSize is 1000 but must be a positive multiple of the batch size 64 (e.g. 1024)"), message);
        String swav = problems("{\"method\": {\"name\": \"swav\", \"swav\": {\"queueSize\": 100}}}");
        assertTrue(swav.contains("method.swav.queueSize is 100 but must be a positive multiple of the batch size 64 (e.g. 128), or 0 for none"), swav);
    }

    @Test
    void momentumOutsideZeroToOneIsNamed() {
        for (String bad : List.of("1.0", "-0.1", "1.5")) {
            String message = problems("{\"method\": {\"name\": \"byol\", \"byol\": {\"momentum\": " + bad + ", \"finalMomentum\": 1.0}}}");
            assertTrue(message.contains("method.byol.momentum is " + Double.parseDouble(bad) + " but must be in [0, 1)"), message);
        }
        String end = problems("{\"method\": {\"name\": \"moco\", \"moco\": {\"finalMomentum\": 0.5}}}");
        assertTrue(end.contains("method.moco.finalMomentum is 0.5 but must be from momentum (0.99) to 1"), end);
        String bank = problems("{\"method\": {\"name\": \"memory-bank\", \"memory-bank\": {\"momentum\": 1}}}");
        assertTrue(bank.contains("method.memory-bank.momentum is 1.0 but must be in [0, 1)"), bank);
    }

    @Test
    void lambdaMustBeAboveZeroAndPrototypesAtLeastTwo() {
        String lambda = problems("{\"method\": {\"name\": \"barlow-twins\", \"barlow-twins\": {\"lambda\": 0}}}");
        assertTrue(lambda.contains("method.barlow-twins.lambda is 0.0 but must be above 0"), lambda);
        String prototypes = problems("{\"method\": {\"name\": \"swav\", \"swav\": {\"prototypes\": 1}}}");
        assertTrue(prototypes.contains("method.swav.prototypes is 1 but must be 2 to 65536"), prototypes);
        String splits = problems("{\"method\": {\"name\": \"moco\", \"moco\": {\"batchNormSplits\": 5}}}");
        assertTrue(splits.contains("method.moco.batchNormSplits is 5 but must divide the batch size 64 into groups of at least 2"), splits);
        String negative = problems("{\"method\": {\"name\": \"moco\", \"moco\": {\"batchNormSplits\": -1}}}");
        assertTrue(negative.contains("method.moco.batchNormSplits is -1") && negative.contains("0 = as many groups of 8 or more"), negative);
    }

    @Test
    void mocoLeftToItsDefaultSplitsBatchNormIntoGroupsOfAtLeastEightImagesAndAtMostEightGroups() {
        MethodConfig.MoCo auto = MethodConfig.defaults(MethodKind.MOCO, 0.5).moco();
        assertEquals(0, auto.batchNormSplits(), "left to the batch");
        int[] batches = {256, 128, 64, 32, 24, 20, 16, 12, 8};
        int[] groups = {8, 8, 8, 4, 3, 2, 2, 1, 1};
        for (int i = 0; i < batches.length; i++) {
            assertEquals(groups[i], auto.splitsFor(batches[i]), "batch " + batches[i]);
        }
        MethodConfig.MoCo four = new MethodConfig.MoCo(0.2, 4096, 0.99, 0.99, 4);
        assertEquals(4, four.splitsFor(16), "a number given is used as it is");
        assertEquals(List.of(), overlay("{\"method\": {\"name\": \"moco\", \"moco\": {\"batchNormSplits\": 0}}}").method().problems(64));
    }

    @Test
    void aSettingOfAnotherMethodThanTheChosenOneIsNamed() {
        String message = problems("{\"method\": {\"name\": \"byol\", \"moco\": {\"queueSize\": 4096}}}");
        assertTrue(message.contains("method.moco holds settings of moco but method.name is byol"), message);
    }

    @Test
    void unknownKeysAndMethodsAreNamed() {
        var key = assertThrows(IllegalArgumentException.class, () -> overlay("{\"method\": {\"name\": \"moco\", \"moco\": {\"queue\": 4096}}}"));
        assertTrue(key.getMessage().contains("unknown key 'method.moco.queue'"), key.getMessage());
        var name = assertThrows(IllegalArgumentException.class, () -> overlay("{\"method\": {\"name\": \"mocha\"}}"));
        assertTrue(name.getMessage().contains("'method.name' is 'mocha' but must be one of [simclr, moco, memory-bank, byol, simsiam,"
                + " barlow-twins, swav]"), name.getMessage());
    }

    /** A config.json as the code before methods wrote it (sections, SimCLR only) reads as the same SimCLR job. */
    @Test
    void aSectionedConfigFromBeforeTheMethodsStillLoads() throws IOException {
        Path file = dir.resolve("config.json");
        try (InputStream old = getClass().getResourceAsStream("sectioned-config-before-methods.json")) {
            Files.copy(old, file);
        }
        TrainConfig config = TrainConfigJson.read(file);
        assertEquals(MethodKind.SIMCLR, config.method().name());
        assertEquals(0.5, config.method().temperature(), 1e-12);
        assertEquals(16, config.optimization().batchSize());
        assertFalse(Files.readString(file).contains("moco"));
    }

    @Test
    void methodsWithoutATemperatureSayItAndRefuseOne() {
        MethodConfig byol = MethodConfig.defaults(MethodKind.BYOL, 0.5);
        assertTrue(Double.isNaN(byol.temperature()));
        assertThrows(IllegalArgumentException.class, () -> byol.withTemperature(0.1));
        assertEquals(0.3, MethodConfig.defaults(MethodKind.SWAV, 0.5).withTemperature(0.3).temperature(), 1e-12);
    }
}
