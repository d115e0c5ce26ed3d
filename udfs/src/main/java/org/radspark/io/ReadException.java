package org.radspark.io;

/**
 * An input file that cannot be read: names the file and the cause in its message, which the command
 * line prints as its one error line.
 */
public class ReadException extends RuntimeException {
    public ReadException(String message) {
        super(message);
    }

    public ReadException(String message, Throwable cause) {
        super(message, cause);
    }
}
