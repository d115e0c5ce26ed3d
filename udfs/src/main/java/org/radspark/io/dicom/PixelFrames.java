package org.radspark.io.dicom;

/**
 * Decoded stored pixel values of a single-sample image (PS3.3 C.7.6.3 Image Pixel Module), before any
 * rescale: {@code frames} frames of {@code rows x columns}, column fastest, signed values already
 * sign-extended from BitsStored.
 */
public final class PixelFrames {
    private final int rows, columns, frames;
    private final int[] values;

    public PixelFrames(int rows, int columns, int frames, int[] values) {
        if ((long) rows * columns * frames != values.length) {
            throw new IllegalArgumentException("pixel array has " + values.length + " values, "
                + rows + "x" + columns + "x" + frames + " expected");
        }
        this.rows = rows;
        this.columns = columns;
        this.frames = frames;
        this.values = values;
    }

    public int rows() { return rows; }
    public int columns() { return columns; }
    public int frames() { return frames; }

    /** All values (not copied), frame after frame, each row after row. */
    public int[] values() { return values; }

    public int value(int frame, int row, int column) {
        return values[(frame * rows + row) * columns + column];
    }
}
