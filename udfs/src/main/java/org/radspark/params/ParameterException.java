package org.radspark.params;

/** A parameter file or setting that cannot be used; the message names the file and the key. */
public class ParameterException extends RuntimeException {
    public ParameterException(String message) {
        super(message);
    }
}
