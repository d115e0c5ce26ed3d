package org.radspark.jobs.study;

/** A study file or its inputs are unusable; raised before any model is fitted. The message names the problem. */
public final class StudyConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StudyConfigException(String message) {
        super(message);
    }
}
