package dev.mlops.delivery.pipeline;

/**
 * A comparison a condition step evaluates: {@code {"Type", "LeftValue", "RightValue"}}. The condition step
 * takes its if-branch only when every condition holds. The types are those both sagemaker-python-sdk
 * ({@code conditions.py}) and AWS's definition schema (BinaryCondition) know.
 */
public record Condition(Type type, Expr left, Expr right) {

    public enum Type { Equals, GreaterThan, GreaterThanOrEqualTo, LessThan, LessThanOrEqualTo }

    public Condition {
        if (type == null || left == null || right == null) {
            throw new IllegalArgumentException("a condition needs a type, a left value and a right value");
        }
        if (left.type() != Expr.ValueType.ANY && right.type() != Expr.ValueType.ANY) {
            boolean numeric = isNumber(left) && isNumber(right);
            if (!numeric && left.type() != right.type()) {
                throw new IllegalArgumentException(type + " compares a " + left.type() + " value with a " + right.type()
                        + " value: " + left + " and " + right);
            }
        }
        if (type != Type.Equals && (isKnown(left, Expr.ValueType.BOOLEAN) || isKnown(right, Expr.ValueType.BOOLEAN))) {
            throw new IllegalArgumentException(type + " orders values; booleans can only be compared with Equals");
        }
    }

    public static Condition equalTo(Expr left, Expr right) {
        return new Condition(Type.Equals, left, right);
    }

    public static Condition atMost(Expr left, Expr right) {
        return new Condition(Type.LessThanOrEqualTo, left, right);
    }

    public static Condition atLeast(Expr left, Expr right) {
        return new Condition(Type.GreaterThanOrEqualTo, left, right);
    }

    private static boolean isNumber(Expr value) {
        return value.type() == Expr.ValueType.INTEGER || value.type() == Expr.ValueType.FLOAT;
    }

    private static boolean isKnown(Expr value, Expr.ValueType type) {
        return value.type() == type;
    }
}
