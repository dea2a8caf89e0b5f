package io.simclr.workbench.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageDecoderTest {

    @TempDir
    Path dir;

    @Test
    void rgbPngDecodesToItsColour() throws IOException {
        Path file = TestImages.png(dir.resolve("a.png"), 16, 16, new Color(200, 40, 10));
        byte[] chw = ImageDecoder.decodeSquare(file, 16);
        assertEquals(0xc8280a, TestImages.rgbAt(chw, 16, 5, 5));
    }

    @Test
    void grayscaleBecomesThreeEqualChannels() throws IOException {
        BufferedImage gray = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY);
        gray.getRaster().setSample(3, 3, 0, 77);
        for (int y = 0; y < 8; y++) for (int x = 0; x < 8; x++) gray.getRaster().setSample(x, y, 0, 77);
        byte[] chw = ImageDecoder.decodeSquare(TestImages.write(gray, "png", dir.resolve("g.png")), 8);
        int rgb = TestImages.rgbAt(chw, 8, 3, 3);
        assertEquals(rgb >> 16, (rgb >> 8) & 0xff);
        assertEquals(rgb >> 16, rgb & 0xff);
    }

    @Test
    void sixteenBitGrayscaleBecomesEightBitRgb() throws IOException {
        BufferedImage deep = new BufferedImage(8, 8, BufferedImage.TYPE_USHORT_GRAY);
        for (int y = 0; y < 8; y++) for (int x = 0; x < 8; x++) deep.getRaster().setSample(x, y, 0, 65535);
        byte[] chw = ImageDecoder.decodeSquare(TestImages.write(deep, "png", dir.resolve("deep.png")), 8);
        assertEquals(0xffffff, TestImages.rgbAt(chw, 8, 4, 4));
    }

    @Test
    void paletteImageBecomesRgb() throws IOException {
        byte[] r = {(byte) 255, 0};
        byte[] g = {0, (byte) 255};
        byte[] b = {0, 0};
        BufferedImage indexed = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_INDEXED, new IndexColorModel(1, 2, r, g, b));
        for (int y = 0; y < 8; y++) for (int x = 0; x < 8; x++) indexed.getRaster().setSample(x, y, 0, x < 4 ? 0 : 1);
        byte[] chw = ImageDecoder.decodeSquare(TestImages.write(indexed, "png", dir.resolve("p.png")), 8);
        assertEquals(0xff0000, TestImages.rgbAt(chw, 8, 1, 1));
        assertEquals(0x00ff00, TestImages.rgbAt(chw, 8, 6, 1));
    }

    @Test
    void transparentPixelsAreCompositedOntoWhite() throws IOException {
        BufferedImage argb = new BufferedImage(8, 8, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < 8; y++) for (int x = 0; x < 8; x++) argb.setRGB(x, y, x < 4 ? 0x00000000 : 0xff0000ff);
        byte[] chw = ImageDecoder.decodeSquare(TestImages.write(argb, "png", dir.resolve("alpha.png")), 8);
        assertEquals(0xffffff, TestImages.rgbAt(chw, 8, 1, 4));
        assertEquals(0x0000ff, TestImages.rgbAt(chw, 8, 6, 4));
    }

    @Test
    void cmykJpegBecomesRgb() throws IOException {
        Path file = TestImages.cmykJpeg(dir.resolve("cmyk.jpg"), 16, 16, new int[] {0, 255, 255, 0});
        byte[] chw = ImageDecoder.decodeSquare(file, 16);
        int rgb = TestImages.rgbAt(chw, 16, 8, 8);
        assertTrue((rgb >> 16) > 200 && ((rgb >> 8) & 0xff) < 60 && (rgb & 0xff) < 60, "full magenta and yellow ink is red, got " + Integer.toHexString(rgb));
    }

    @Test
    void otherSizesAreResizedByShorterSideAndCentreCropped() throws IOException {
        BufferedImage wide = TestImages.solid(60, 20, Color.BLUE);
        java.awt.Graphics2D g = wide.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(20, 0, 20, 20); // the centre third is red
        g.dispose();
        byte[] chw = ImageDecoder.decodeSquare(TestImages.write(wide, "png", dir.resolve("wide.png")), 10);
        assertEquals(3 * 10 * 10, chw.length);
        assertEquals(0xff0000, TestImages.rgbAt(chw, 10, 5, 5));
    }

    @Test
    void zeroByteFileIsNamedAsEmpty() throws IOException {
        Path file = Files.createFile(dir.resolve("empty.png"));
        DatasetException e = assertThrows(DatasetException.class, () -> ImageDecoder.decodeSquare(file, 8));
        assertTrue(e.getMessage().contains("empty.png") && e.getMessage().contains("0 bytes"), e.getMessage());
    }

    @Test
    void nonImageFileIsNamedAsNotAnImage() throws IOException {
        Path file = Files.writeString(dir.resolve("notes.png"), "these are my notes, not a picture");
        DatasetException e = assertThrows(DatasetException.class, () -> ImageDecoder.decodeSquare(file, 8));
        assertTrue(e.getMessage().contains("notes.png") && e.getMessage().contains("not an image"), e.getMessage());
    }

    @Test
    void truncatedPngIsReportedAsCorrupt() throws IOException {
        Path cut = TestImages.truncated(noisy(64), "png", dir.resolve("cut.png"));
        DatasetException e = assertThrows(DatasetException.class, () -> ImageDecoder.decodeSquare(cut, 8));
        assertTrue(e.getMessage().contains("cut.png") && e.getMessage().contains("corrupt"), e.getMessage());
    }

    @Test
    void truncatedJpegIsReportedAsCorrupt() throws IOException {
        Path cut = TestImages.truncated(noisy(64), "jpeg", dir.resolve("cut.jpg"));
        DatasetException e = assertThrows(DatasetException.class, () -> ImageDecoder.decodeSquare(cut, 8));
        assertTrue(e.getMessage().contains("cut.jpg") && e.getMessage().contains("corrupt"), e.getMessage());
    }

    @Test
    void garbageAfterAValidHeaderIsReportedAsCorrupt() throws IOException {
        byte[] bytes = Files.readAllBytes(TestImages.write(noisy(32), "png", dir.resolve("ok.png")));
        for (int i = 60; i < bytes.length - 20; i++) {
            bytes[i] = (byte) (i * 31);
        }
        Path bad = Files.write(dir.resolve("scrambled.png"), bytes);
        DatasetException e = assertThrows(DatasetException.class, () -> ImageDecoder.decodeSquare(bad, 8));
        assertTrue(e.getMessage().contains("scrambled.png"), e.getMessage());
    }

    @Test
    void decompressionBombIsRefusedBeforeDecoding() throws IOException {
        Path bomb = TestImages.pngDeclaring(dir.resolve("bomb.png"), 50_000, 50_000);
        DatasetException e = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> assertThrows(DatasetException.class, () -> ImageDecoder.decodeSquare(bomb, 32)));
        assertTrue(e.getMessage().contains("bomb.png") && e.getMessage().contains("50,000 x 50,000"), e.getMessage());
        assertThrows(DatasetException.class, () -> ImageDecoder.probe(bomb));
    }

    @Test
    void missingFileIsNamed() {
        DatasetException e = assertThrows(DatasetException.class, () -> ImageDecoder.decodeSquare(dir.resolve("nowhere.png"), 8));
        assertTrue(e.getMessage().contains("nowhere.png"), e.getMessage());
    }

    static BufferedImage noisy(int side) {
        BufferedImage img = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        java.util.Random rng = new java.util.Random(1);
        for (int y = 0; y < side; y++) for (int x = 0; x < side; x++) img.setRGB(x, y, rng.nextInt(0xffffff));
        return img;
    }
}
