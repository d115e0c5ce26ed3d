package org.radspark.cli;

import org.radspark.jobs.SparkSessions;
import picocli.CommandLine;

/** --master values, checked before Spark starts (Spark itself would fail later with a stack trace). */
final class MasterUrl implements CommandLine.ITypeConverter<String> {
    @Override
    public String convert(String value) {
        try {
            SparkSessions.checkMaster(value);
            return value;
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
