package org.radspark.extract;

/**
 * Extraction failed for one case. {@link #stage()} says where (read, preprocess, filter, features),
 * the message says why in one line; cohort jobs record both per patient.
 */
public class ExtractionException extends RuntimeException {
    /** Where in the per-case pipeline a failure happened. */
    public enum Stage { READ, PREPROCESS, FILTER, FEATURES }

    private final Stage stage;

    public ExtractionException(Stage stage, String message) {
        super(message);
        this.stage = stage;
    }

    public ExtractionException(Stage stage, String message, Throwable cause) {
        super(message, cause);
        this.stage = stage;
    }

    public Stage stage() {
        return stage;
    }
}
