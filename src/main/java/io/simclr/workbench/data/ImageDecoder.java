package io.simclr.workbench.data;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes one image file into a square uint8 CHW image of a given side, safely: the declared size is
 * checked before any pixel is decoded (decompression bombs), decoder warnings such as a truncated
 * JPEG count as corruption, and every colour model (grayscale, palette, alpha, 16-bit, CMYK) ends as
 * 8-bit RGB.
 */
public final class ImageDecoder {

    /** Pillow's default bomb limit: about a quarter of a gigabyte of 24-bit pixels. */
    public static final long MAX_PIXELS = 89_478_485L;

    /**
     * Decoders report missing data as warnings ("Premature end of JPEG file") and still return an
     * image padded with grey; those count as damage. Other warnings (a missing ICC profile) do not.
     */
    private static final Pattern DAMAGE_WARNING = Pattern.compile("(?i)premature|corrupt|truncat|unexpected end|extraneous|invalid");

    static {
        ImageIO.setUseCache(false); // decode in memory; no temp files
    }

    private ImageDecoder() {}

    /** Decodes {@code file} and resizes it (shorter side, centre crop) to {@code size}. */
    public static byte[] decodeSquare(Path file, int size) {
        BufferedImage rgb = decodeRgb(file);
        int w = rgb.getWidth();
        int h = rgb.getHeight();
        int[] argb = rgb.getRGB(0, 0, w, h, null, 0, w);
        float[] chw = new float[3 * w * h];
        int plane = w * h;
        for (int i = 0; i < plane; i++) {
            int p = argb[i];
            chw[i] = ((p >> 16) & 0xff) * (1f / 255f);
            chw[plane + i] = ((p >> 8) & 0xff) * (1f / 255f);
            chw[2 * plane + i] = (p & 0xff) * (1f / 255f);
        }
        if (w == size && h == size) {
            return ImageResampler.toBytes(chw);
        }
        return ImageResampler.toBytes(ImageResampler.resizeShorterSideAndCenterCrop(chw, w, h, size));
    }

    /** Decodes {@code file} to an 8-bit RGB image of its own size. */
    public static BufferedImage decodeRgb(Path file) {
        return open(file, true);
    }

    /**
     * Checks what can be checked without decoding pixels (size, format, declared dimensions), for
     * folders too large to decode up front.
     */
    public static void probe(Path file) {
        open(file, false);
    }

    private static BufferedImage open(Path file, boolean decode) {
        long bytes;
        try {
            bytes = Files.size(file);
        } catch (IOException e) {
            throw new DatasetException(file + ": cannot be read (" + e.getMessage() + "); check that it exists and you may read it");
        }
        if (bytes == 0) {
            throw new DatasetException(file + ": empty file (0 bytes); delete it or replace it with the real image");
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) {
                throw new DatasetException(file + ": cannot be opened; check that you may read it");
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new DatasetException(file + ": not an image (unrecognised format); use PNG, JPEG, BMP, GIF or TIFF, or move it out of the dataset folder");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long width = reader.getWidth(0);
                long height = reader.getHeight(0);
                if (width <= 0 || height <= 0) {
                    throw new DatasetException(file + ": declares an empty " + width + "x" + height + " image; replace it");
                }
                if (width * height > MAX_PIXELS) {
                    throw new DatasetException(String.format("%s: declares %,d x %,d pixels (%,d), over the %,d-pixel safety limit"
                            + " (it may be a decompression bomb); shrink the image or remove it", file, width, height, width * height, MAX_PIXELS));
                }
                if (!decode) {
                    return null;
                }
                List<String> warnings = new ArrayList<>();
                reader.addIIOReadWarningListener((source, warning) -> {
                    if (DAMAGE_WARNING.matcher(warning).find()) {
                        warnings.add(warning);
                    }
                });
                BufferedImage image = reader.read(0);
                if (!warnings.isEmpty()) {
                    throw new DatasetException(file + ": truncated or corrupt (" + String.join("; ", warnings) + "); replace it with a complete copy");
                }
                return toRgb(image);
            } finally {
                reader.dispose();
            }
        } catch (DatasetException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // Decoders signal broken data with IOExceptions and, for some inputs, runtime exceptions.
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new DatasetException(file + ": truncated or corrupt (" + why + "); replace it with a complete copy", e);
        }
    }

    /**
     * Any colour model to 8-bit sRGB. Transparent pixels are composited onto white, as an image
     * viewer shows them, rather than exposing whatever colour hides under alpha 0.
     */
    static BufferedImage toRgb(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_INT_RGB) {
            return image;
        }
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return rgb;
    }
}
