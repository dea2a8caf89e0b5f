package io.simclr.workbench.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProjectorExportTest {

    @Test
    void theSpriteIsTheSmallestSquareGridAndStaysWithinTheProjectorsLimit() {
        assertEquals(4, ProjectorExport.gridColumns(10));
        assertEquals(3, ProjectorExport.gridColumns(9));
        assertEquals(1, ProjectorExport.gridColumns(1));
        assertEquals(32, ProjectorExport.thumbnailSide(5_000, 32), "small images keep their size");
        assertEquals(96, ProjectorExport.thumbnailSide(5_000, 96));
        for (int n : new int[] {5_000, 20_000, 50_000, 100_000}) {
            for (int side : new int[] {32, 64, 96}) {
                int t = ProjectorExport.thumbnailSide(n, side);
                assertTrue(ProjectorExport.gridColumns(n) * t <= ProjectorExport.MAX_SPRITE_SIDE, n + " images of " + side + " px");
            }
        }
        assertEquals(36, ProjectorExport.thumbnailSide(50_000, 96), "224 columns of 36 px: 8,064 px");
    }

    @Test
    void theConfigEscapesTheTensorName() {
        String config = ProjectorExport.config("run \"a\" h", 10, 256, 32);
        assertTrue(config.contains("tensor_name: \"run \\\"a\\\" h\""), config);
    }
}
