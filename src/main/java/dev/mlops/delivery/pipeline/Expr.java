package dev.mlops.delivery.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A value in a pipeline definition: a literal, or an expression SageMaker resolves when the execution runs.
 * The expression forms are the definition language's own ({@code Get}, {@code Std:Join}, {@code Std:JsonGet}),
 * written exactly as sagemaker-python-sdk writes them ({@code src/sagemaker/workflow/functions.py},
 * {@code parameters.py}, {@code execution_variables.py}, {@code properties.py}).
 *
 * <p>Each value knows the type it resolves to where that is known (a literal, a parameter), so a step can
 * reject, say, an Integer parameter where an instance type belongs.
 */
public sealed interface Expr {

    /** What a value resolves to; {@link #ANY} when only the running execution knows (step properties, JsonGet). */
    enum ValueType { STRING, INTEGER, FLOAT, BOOLEAN, ANY }

    ValueType type();

    /** A literal string. */
    record Text(String value) implements Expr {
        public Text {
            if (value == null) {
                throw new IllegalArgumentException("a literal string must not be null");
            }
        }

        @Override
        public ValueType type() {
            return ValueType.STRING;
        }
    }

    /** A literal whole number. */
    record Int(long value) implements Expr {
        @Override
        public ValueType type() {
            return ValueType.INTEGER;
        }
    }

    /** A literal decimal number; NaN and infinities have no JSON form. */
    record Num(double value) implements Expr {
        public Num {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("a number in a pipeline definition must be finite, not " + value);
            }
        }

        @Override
        public ValueType type() {
            return ValueType.FLOAT;
        }
    }

    /** A literal boolean. */
    record Bool(boolean value) implements Expr {
        @Override
        public ValueType type() {
            return ValueType.BOOLEAN;
        }
    }

    /**
     * {@code {"Get": "<path>"}}: a parameter ({@code Parameters.<name>}), an execution variable
     * ({@code Execution.<variable>}) or a property of another step ({@code Steps.<step>.<property path>}).
     * Use the factories; they check the path's form.
     */
    record Get(String path, ValueType type) implements Expr {
        private static final Pattern PROPERTY_PATH = Pattern.compile(
                "[A-Za-z][A-Za-z0-9]*(\\[(\\d+|'[A-Za-z0-9_\\-]+')\\])?(\\.[A-Za-z][A-Za-z0-9]*(\\[(\\d+|'[A-Za-z0-9_\\-]+')\\])?)*");

        public Get {
            Constraints.notBlank(path, "a Get path");
            if (type == null) {
                throw new IllegalArgumentException("a Get needs a value type (ANY when unknown)");
            }
            if (!path.startsWith("Parameters.") && !path.startsWith("Execution.") && !path.startsWith("Steps.")) {
                throw new IllegalArgumentException("Get path " + Constraints.quote(path)
                        + " must start with Parameters., Execution. or Steps.");
            }
        }

        /** {@code Parameters.<name>}, typed as the parameter is. */
        public static Get parameter(Parameter parameter) {
            return new Get("Parameters." + parameter.name(), parameter.valueType());
        }

        /** {@code Execution.<variable>}; every execution variable is a string. */
        public static Get execution(ExecutionVariable variable) {
            return new Get("Execution." + variable.name(), ValueType.STRING);
        }

        /**
         * {@code Steps.<step>.<property>}, e.g. {@code step("Train", "ModelArtifacts.S3ModelArtifacts")} or
         * {@code step("Evaluate", "ProcessingOutputConfig.Outputs['evaluation'].S3Output.S3Uri")}. The property
         * path follows the step's Describe* response (DescribeTrainingJob, DescribeProcessingJob, ...).
         */
        public static Get step(String stepName, String propertyPath) {
            Constraints.matches(stepName, Constraints.STEP_NAME, "step name in a property reference", "a step name");
            Constraints.matches(propertyPath, PROPERTY_PATH, "property path of step " + stepName,
                    "a property path such as ProcessingOutputConfig.Outputs['name'].S3Output.S3Uri");
            return new Get("Steps." + stepName + "." + propertyPath, ValueType.ANY);
        }

        /** The S3 URI of a processing step's named output, as the step's ProcessingOutputConfig declares it. */
        public static Get processingOutputUri(String stepName, String outputName) {
            return step(stepName, "ProcessingOutputConfig.Outputs['" + outputName + "'].S3Output.S3Uri");
        }

        /** The step this path refers to, for {@code Steps.} paths. */
        public java.util.Optional<String> stepName() {
            if (!path.startsWith("Steps.")) {
                return java.util.Optional.empty();
            }
            String rest = path.substring("Steps.".length());
            int dot = rest.indexOf('.');
            return java.util.Optional.of(dot < 0 ? rest : rest.substring(0, dot));
        }

        /** The parameter this path refers to, for {@code Parameters.} paths. */
        public java.util.Optional<String> parameterName() {
            return path.startsWith("Parameters.") ? java.util.Optional.of(path.substring("Parameters.".length()))
                    : java.util.Optional.empty();
        }
    }

    /** {@code {"Std:Join": {"On": on, "Values": [...]}}}: the values as strings, joined by {@code on}. */
    record Join(String on, List<Expr> values) implements Expr {
        public Join {
            if (on == null) {
                throw new IllegalArgumentException("Std:Join needs a separator (\"\" for none)");
            }
            values = List.copyOf(values);
            if (values.isEmpty()) {
                throw new IllegalArgumentException("Std:Join needs at least one value");
            }
        }

        @Override
        public ValueType type() {
            return ValueType.STRING;
        }
    }

    /**
     * {@code {"Std:JsonGet": {"PropertyFile": {"Get": "Steps.<step>.PropertyFiles.<file>"}, "Path": path}}}:
     * a value read from a property file a processing step wrote. AWS documents its use in condition steps.
     */
    record JsonGet(String stepName, String propertyFile, String jsonPath) implements Expr {
        public JsonGet {
            Constraints.matches(stepName, Constraints.STEP_NAME, "JsonGet step name", "a step name");
            Constraints.matches(propertyFile, PropertyFile.NAME, "JsonGet property file", "a property file name");
            Constraints.notBlank(jsonPath, "JsonGet path");
        }

        @Override
        public ValueType type() {
            return ValueType.ANY;
        }
    }

    /** The execution variables of the definition language (sagemaker-python-sdk ExecutionVariables). */
    enum ExecutionVariable {
        StartDateTime, CurrentDateTime, PipelineName, PipelineArn, PipelineExecutionId, PipelineExecutionArn,
        TrainingJobName, ProcessingJobName
    }

    static Text text(String value) {
        return new Text(value);
    }

    /**
     * A string built from parts at run time: each part is a {@link String} (a literal) or an {@link Expr}.
     * Adjacent literals are merged, so the definition stays short and the same parts give the same JSON.
     */
    static Join concat(Object... parts) {
        List<Expr> values = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        for (Object part : parts) {
            if (part instanceof String s) {
                literal.append(s);
            } else if (part instanceof Text t) {
                literal.append(t.value());
            } else if (part instanceof Expr e) {
                if (literal.length() > 0) {
                    values.add(new Text(literal.toString()));
                    literal.setLength(0);
                }
                values.add(e);
            } else {
                throw new IllegalArgumentException("a Join part must be a String or an Expr, not " + part);
            }
        }
        if (literal.length() > 0) {
            values.add(new Text(literal.toString()));
        }
        return new Join("", values);
    }

    /** Rejects a value whose known type differs from {@code expected}; runtime values pass. */
    static Expr requireType(Expr value, ValueType expected, String what) {
        if (value == null) {
            throw new IllegalArgumentException(what + " must be given");
        }
        if (value.type() != ValueType.ANY && value.type() != expected) {
            throw new IllegalArgumentException(what + " must be a " + expected.name().toLowerCase(java.util.Locale.ROOT)
                    + " value, not " + value.type().name().toLowerCase(java.util.Locale.ROOT) + " (" + value + ")");
        }
        return value;
    }

    /** Every expression inside {@code value}, itself included (for reference checks). */
    static List<Expr> flatten(Expr value) {
        List<Expr> all = new ArrayList<>();
        all.add(value);
        if (value instanceof Join join) {
            for (Expr part : join.values()) {
                all.addAll(flatten(part));
            }
        }
        return all;
    }
}
