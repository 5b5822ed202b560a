package dev.mlops.delivery.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A step of a pipeline definition: {@code {"Name", "Type", "Arguments", "DependsOn"?, "Description"?}} plus what
 * the type adds. Names follow the API's StepName ({@code [A-Za-z0-9\-_]}, 1 to 64). {@code DependsOn} is only
 * needed where no property reference already orders two steps.
 */
public sealed interface Step {

    String name();

    Optional<String> description();

    List<String> dependsOn();

    /** The definition's {@code Type}: Processing, Training, Condition, RegisterModel or Fail. */
    String type();

    /** Every value this step's arguments hold (not those of the steps a condition contains). */
    List<Expr> values();

    private static void checkHeader(String name, Optional<String> description, List<String> dependsOn) {
        Constraints.matches(name, Constraints.STEP_NAME, "step name",
                "1 to 64 letters, digits, '-' and '_' (SageMaker StepName)");
        description.ifPresent(d -> Constraints.maxLength(d, Constraints.MAX_DESCRIPTION, "description of step " + name));
        for (String other : dependsOn) {
            Constraints.matches(other, Constraints.STEP_NAME, "DependsOn of step " + name, "a step name");
            if (other.equals(name)) {
                throw new IllegalArgumentException("step " + name + " cannot depend on itself");
            }
        }
        Constraints.unique(dependsOn, "DependsOn entry of step " + name);
    }

    /** A SageMaker Processing job, optionally publishing property files from its outputs. */
    record ProcessingStep(String name, Optional<String> description, List<String> dependsOn, ProcessingJob job,
                          List<PropertyFile> propertyFiles) implements Step {
        public ProcessingStep {
            dependsOn = List.copyOf(dependsOn);
            checkHeader(name, description, dependsOn);
            if (job == null) {
                throw new IllegalArgumentException("processing step " + name + " needs its job arguments");
            }
            propertyFiles = List.copyOf(propertyFiles);
            Constraints.unique(propertyFiles.stream().map(PropertyFile::name).toList(), "property file of step " + name);
            for (PropertyFile file : propertyFiles) {
                if (job.outputs().stream().noneMatch(o -> o.name().equals(file.outputName()))) {
                    throw new IllegalArgumentException("property file " + file.name() + " of step " + name
                            + " names output \"" + file.outputName() + "\", which the step does not have");
                }
            }
        }

        @Override
        public String type() {
            return "Processing";
        }

        @Override
        public List<Expr> values() {
            return job.values();
        }

        public Optional<PropertyFile> propertyFile(String fileName) {
            return propertyFiles.stream().filter(f -> f.name().equals(fileName)).findFirst();
        }
    }

    /** A SageMaker Training job. */
    record TrainingStep(String name, Optional<String> description, List<String> dependsOn, TrainingJob job) implements Step {
        public TrainingStep {
            dependsOn = List.copyOf(dependsOn);
            checkHeader(name, description, dependsOn);
            if (job == null) {
                throw new IllegalArgumentException("training step " + name + " needs its job arguments");
            }
        }

        @Override
        public String type() {
            return "Training";
        }

        @Override
        public List<Expr> values() {
            return job.values();
        }
    }

    /**
     * Runs {@code ifSteps} when every condition holds and {@code elseSteps} otherwise. The branches hold the
     * step types the definition schema allows there (Processing, Training, RegisterModel, Fail), not conditions.
     */
    record ConditionStep(String name, Optional<String> description, List<String> dependsOn, List<Condition> conditions,
                         List<Step> ifSteps, List<Step> elseSteps) implements Step {
        public ConditionStep {
            dependsOn = List.copyOf(dependsOn);
            checkHeader(name, description, dependsOn);
            conditions = List.copyOf(conditions);
            ifSteps = List.copyOf(ifSteps);
            elseSteps = List.copyOf(elseSteps);
            if (conditions.isEmpty()) {
                throw new IllegalArgumentException("condition step " + name + " needs at least one condition");
            }
            if (ifSteps.isEmpty() && elseSteps.isEmpty()) {
                throw new IllegalArgumentException("condition step " + name + " has no steps in either branch");
            }
            for (Step branch : concat(ifSteps, elseSteps)) {
                if (branch instanceof ConditionStep) {
                    throw new IllegalArgumentException("condition step " + name + " holds condition step " + branch.name()
                            + "; the definition schema allows only Processing, Training, RegisterModel and Fail steps in a branch");
                }
            }
        }

        @Override
        public String type() {
            return "Condition";
        }

        @Override
        public List<Expr> values() {
            List<Expr> all = new ArrayList<>();
            conditions.forEach(c -> {
                all.add(c.left());
                all.add(c.right());
            });
            return all;
        }

        private static List<Step> concat(List<Step> a, List<Step> b) {
            List<Step> all = new ArrayList<>(a);
            all.addAll(b);
            return all;
        }
    }

    /** Adds a model package version to a model package group. */
    record RegisterModelStep(String name, Optional<String> description, List<String> dependsOn, ModelPackage modelPackage)
            implements Step {
        public RegisterModelStep {
            dependsOn = List.copyOf(dependsOn);
            checkHeader(name, description, dependsOn);
            if (modelPackage == null) {
                throw new IllegalArgumentException("register step " + name + " needs its model package arguments");
            }
        }

        @Override
        public String type() {
            return "RegisterModel";
        }

        @Override
        public List<Expr> values() {
            return modelPackage.values();
        }
    }

    /** Stops the execution as Failed with {@code errorMessage} as its failure reason. */
    record FailStep(String name, Optional<String> description, List<String> dependsOn, Expr errorMessage) implements Step {
        public FailStep {
            dependsOn = List.copyOf(dependsOn);
            checkHeader(name, description, dependsOn);
            Expr.requireType(errorMessage, Expr.ValueType.STRING, "ErrorMessage of fail step " + name);
        }

        @Override
        public String type() {
            return "Fail";
        }

        @Override
        public List<Expr> values() {
            return List.of(errorMessage);
        }
    }
}
