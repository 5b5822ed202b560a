package dev.mlops.delivery.pipeline;

import java.util.regex.Pattern;

/**
 * A JSON file a processing step writes into one of its outputs, indexed by SageMaker so that later steps can
 * read values from it with {@code Std:JsonGet}. Written as {@code {"PropertyFileName", "OutputName", "FilePath"}}
 * in the step's {@code PropertyFiles} (sagemaker-python-sdk {@code PropertyFile.expr}).
 *
 * @param name       how JsonGet refers to it ({@code Steps.<step>.PropertyFiles.<name>})
 * @param outputName the processing output that holds the file
 * @param filePath   the file's path inside that output, relative, e.g. {@code evaluation.json}
 */
public record PropertyFile(String name, String outputName, String filePath) {

    /** Property file names appear inside a Get path, so they keep to the characters a step name may use. */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9\\-_]{1,64}");
    private static final Pattern RELATIVE_PATH = Pattern.compile("[A-Za-z0-9_.\\-]+(/[A-Za-z0-9_.\\-]+)*");

    public PropertyFile {
        Constraints.matches(name, NAME, "property file name", "1 to 64 letters, digits, '-' and '_'");
        Constraints.notBlank(outputName, "output of property file " + name);
        Constraints.matches(filePath, RELATIVE_PATH, "path of property file " + name,
                "a relative path inside the output, such as evaluation.json");
        if (filePath.contains("..")) {
            throw new IllegalArgumentException("path of property file " + name + " must stay inside its output: " + filePath);
        }
    }
}
