package dev.mlops.delivery.pipeline;

import java.util.List;

/**
 * A pipeline parameter: a named value with a default that a caller of StartPipelineExecution may override.
 * Every parameter here has a default, so an execution started without arguments (a schedule, an event)
 * runs as configured. Names follow the definition schema's ParameterName ({@code [A-Za-z0-9\-_]{1,64}}).
 */
public sealed interface Parameter {

    String name();

    /** {@code String}, {@code Integer}, {@code Float} or {@code Boolean}, as the definition's {@code Type}. */
    String typeName();

    Expr.ValueType valueType();

    /** {@code {"Get": "Parameters.<name>"}}. */
    default Expr.Get ref() {
        return Expr.Get.parameter(this);
    }

    private static String checkName(String name) {
        return Constraints.matches(name, Constraints.PARAMETER_NAME, "parameter name",
                "1 to 64 letters, digits, '-' and '_' (the definition schema's ParameterName)");
    }

    /**
     * @param enumValues the values a caller may choose from, empty for any; written as {@code EnumValues}, as
     *                   sagemaker-python-sdk's ParameterString does
     */
    record StringParameter(String name, String defaultValue, List<String> enumValues) implements Parameter {
        public StringParameter {
            checkName(name);
            if (defaultValue == null) {
                throw new IllegalArgumentException("parameter " + name + " needs a default value");
            }
            Constraints.maxLength(defaultValue, Constraints.MAX_DEFAULT_STRING, "default of parameter " + name);
            enumValues = List.copyOf(enumValues);
            Constraints.unique(enumValues, "value of parameter " + name);
            if (!enumValues.isEmpty() && !enumValues.contains(defaultValue)) {
                throw new IllegalArgumentException("default of parameter " + name + " (" + Constraints.quote(defaultValue)
                        + ") is not one of its values " + enumValues);
            }
        }

        public StringParameter(String name, String defaultValue) {
            this(name, defaultValue, List.of());
        }

        @Override
        public String typeName() {
            return "String";
        }

        @Override
        public Expr.ValueType valueType() {
            return Expr.ValueType.STRING;
        }
    }

    record IntegerParameter(String name, long defaultValue) implements Parameter {
        public IntegerParameter {
            checkName(name);
        }

        @Override
        public String typeName() {
            return "Integer";
        }

        @Override
        public Expr.ValueType valueType() {
            return Expr.ValueType.INTEGER;
        }
    }

    record FloatParameter(String name, double defaultValue) implements Parameter {
        public FloatParameter {
            checkName(name);
            if (!Double.isFinite(defaultValue)) {
                throw new IllegalArgumentException("default of parameter " + name + " must be finite, not " + defaultValue);
            }
        }

        @Override
        public String typeName() {
            return "Float";
        }

        @Override
        public Expr.ValueType valueType() {
            return Expr.ValueType.FLOAT;
        }
    }

    record BooleanParameter(String name, boolean defaultValue) implements Parameter {
        public BooleanParameter {
            checkName(name);
        }

        @Override
        public String typeName() {
            return "Boolean";
        }

        @Override
        public Expr.ValueType valueType() {
            return Expr.ValueType.BOOLEAN;
        }
    }
}
