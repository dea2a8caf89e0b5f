package io.simclr.workbench.data;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;

/** Writes small image files for loader tests. */
public final class TestImages {
    private TestImages() {}

    public static BufferedImage solid(int w, int h, Color colour) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(colour);
        g.fillRect(0, 0, w, h);
        g.dispose();
        return img;
    }

    public static Path write(BufferedImage image, String format, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        if (!ImageIO.write(image, format, file.toFile())) {
            throw new IOException("no writer for " + format + " / type " + image.getType());
        }
        return file;
    }

    public static Path png(Path file, int w, int h, Color colour) throws IOException {
        return write(solid(w, h, colour), "png", file);
    }

    /** The first half of {@code image} encoded as {@code format}: a download cut off midway. */
    public static Path truncated(BufferedImage image, String format, Path file) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        if (!ImageIO.write(image, format, bytes)) {
            throw new IOException("no writer for " + format);
        }
        byte[] whole = bytes.toByteArray();
        Files.createDirectories(file.getParent());
        return Files.write(file, java.util.Arrays.copyOf(whole, whole.length / 2));
    }

    /** A PNG whose header declares {@code w x h} pixels but that carries almost no data. */
    public static Path pngDeclaring(Path file, int w, int h) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(w).putInt(h).put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        chunk(out, "IHDR", ihdr.array());
        chunk(out, "IDAT", new byte[] {0x78, (byte) 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01});
        chunk(out, "IEND", new byte[0]);
        Files.createDirectories(file.getParent());
        Files.write(file, out.toByteArray());
        return file;
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) throws IOException {
        out.write(ByteBuffer.allocate(4).putInt(data.length).array());
        byte[] typeBytes = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        out.write(typeBytes);
        out.write(data);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    /** Reads back one pixel of a decoded CHW image as 0xRRGGBB. */
    public static int rgbAt(byte[] chw, int side, int x, int y) {
        int plane = side * side;
        int i = y * side + x;
        return ((chw[i] & 0xff) << 16) | ((chw[plane + i] & 0xff) << 8) | (chw[2 * plane + i] & 0xff);
    }

    /**
     * A CMYK JPEG as Photoshop writes them: an Adobe APP14 marker (transform 0) and inverted ink
     * values. {@code cmyk} are ink amounts 0-255.
     */
    public static Path cmykJpeg(Path file, int w, int h, int[] cmyk) throws IOException {
        java.awt.image.WritableRaster raster = java.awt.image.Raster.createInterleavedRaster(java.awt.image.DataBuffer.TYPE_BYTE, w, h, 4, null);
        int[] stored = {255 - cmyk[0], 255 - cmyk[1], 255 - cmyk[2], 255 - cmyk[3]};
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                raster.setPixel(x, y, stored);
            }
        }
        javax.imageio.ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (javax.imageio.stream.ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            javax.imageio.ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(javax.imageio.ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(1.0f);
            writer.write(null, new javax.imageio.IIOImage(raster, null, null), param);
        } finally {
            writer.dispose();
        }
        byte[] jpeg = bytes.toByteArray();
        byte[] app14 = {(byte) 0xFF, (byte) 0xEE, 0, 14, 'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, 0};
        byte[] all = new byte[jpeg.length + app14.length];
        System.arraycopy(jpeg, 0, all, 0, 2);
        System.arraycopy(app14, 0, all, 2, app14.length);
        System.arraycopy(jpeg, 2, all, 2 + app14.length, jpeg.length - 2);
        Files.createDirectories(file.getParent());
        Files.write(file, all);
        return file;
    }
}
