package dev.mlops.delivery.pipeline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A SageMaker pipeline definition (definition language version {@value #VERSION}): parameters and steps, checked
 * as a whole when built. Beyond what each step checks, a definition checks that
 * <ul>
 *   <li>parameter and step names are unique (steps inside condition branches included);</li>
 *   <li>every {@code Get Parameters.X} names a declared parameter of the same type;</li>
 *   <li>every step reference ({@code Get Steps.X...}, {@code Std:JsonGet}, {@code DependsOn}) names a step that
 *       can have run: a top-level step, or a step in the same branch; JsonGet names a property file the
 *       referenced processing step declares;</li>
 *   <li>the steps form no cycle.</li>
 * </ul>
 * {@link #toJson()} writes it in one fixed field order, so the same definition always gives the same bytes.
 */
public record PipelineDefinition(List<Parameter> parameters, List<Step> steps) {

    public static final String VERSION = "2020-12-01";

    public PipelineDefinition {
        parameters = List.copyOf(parameters);
        steps = List.copyOf(steps);
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("a pipeline needs at least one step");
        }
        Constraints.unique(parameters.stream().map(Parameter::name).toList(), "parameter name");
        Map<String, Parameter> declared = new HashMap<>();
        parameters.forEach(p -> declared.put(p.name(), p));

        Map<String, Step> all = new LinkedHashMap<>();
        Map<String, Set<String>> visible = new HashMap<>();
        Map<String, String> parentCondition = new HashMap<>();
        Set<String> topLevel = new HashSet<>();
        steps.forEach(s -> topLevel.add(s.name()));
        for (Step step : steps) {
            register(all, step);
            visible.put(step.name(), topLevel);
            if (step instanceof Step.ConditionStep condition) {
                for (List<Step> branch : List.of(condition.ifSteps(), condition.elseSteps())) {
                    Set<String> scope = new HashSet<>(topLevel);
                    branch.forEach(s -> scope.add(s.name()));
                    for (Step inner : branch) {
                        register(all, inner);
                        visible.put(inner.name(), scope);
                        parentCondition.put(inner.name(), condition.name());
                    }
                }
            }
        }

        Map<String, Set<String>> dependencies = new HashMap<>();
        for (Step step : all.values()) {
            Set<String> needs = new HashSet<>(step.dependsOn());
            for (Expr value : step.values()) {
                for (Expr part : Expr.flatten(value)) {
                    checkParameter(step, part, declared);
                    referencedStep(step, part, all).ifPresent(needs::add);
                }
            }
            for (String other : needs) {
                if (!visible.get(step.name()).contains(other) || other.equals(step.name())) {
                    throw new IllegalArgumentException("step " + step.name() + " refers to step " + other
                            + (all.containsKey(other) ? ", which is not a top-level step or a step of the same branch"
                            : ", which the pipeline does not have"));
                }
            }
            if (parentCondition.containsKey(step.name())) {
                needs.add(parentCondition.get(step.name()));
            }
            dependencies.put(step.name(), needs);
        }
        rejectCycles(dependencies);
    }

    public PipelineDefinition(List<Parameter> parameters, Step... steps) {
        this(parameters, List.of(steps));
    }

    /** The definition as compact JSON, field order fixed, ready for CreatePipeline's PipelineDefinition. */
    public String toJson() {
        String json = DefinitionJson.write(this);
        if (json.length() > Constraints.MAX_DEFINITION_LENGTH) {
            throw new IllegalStateException("the pipeline definition has " + json.length() + " characters; CreatePipeline accepts at most "
                    + Constraints.MAX_DEFINITION_LENGTH);
        }
        return json;
    }

    /** Every step, those inside condition branches included, in definition order. */
    public List<Step> allSteps() {
        List<Step> out = new ArrayList<>();
        for (Step step : steps) {
            out.add(step);
            if (step instanceof Step.ConditionStep condition) {
                out.addAll(condition.ifSteps());
                out.addAll(condition.elseSteps());
            }
        }
        return out;
    }

    /** The step called {@code name}, wherever it is. */
    public Step step(String name) {
        return allSteps().stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the pipeline has no step " + name));
    }

    /** The parameter called {@code name}. */
    public Parameter parameter(String name) {
        return parameters.stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the pipeline has no parameter " + name));
    }

    private static void register(Map<String, Step> all, Step step) {
        if (all.putIfAbsent(step.name(), step) != null) {
            throw new IllegalArgumentException("step name \"" + step.name() + "\" is used more than once");
        }
    }

    private static void checkParameter(Step step, Expr part, Map<String, Parameter> declared) {
        if (part instanceof Expr.Get get && get.parameterName().isPresent()) {
            Parameter parameter = declared.get(get.parameterName().get());
            if (parameter == null) {
                throw new IllegalArgumentException("step " + step.name() + " uses parameter " + get.parameterName().get()
                        + ", which the pipeline does not declare");
            }
            if (get.type() != Expr.ValueType.ANY && get.type() != parameter.valueType()) {
                throw new IllegalArgumentException("step " + step.name() + " uses parameter " + parameter.name() + " as "
                        + get.type() + ", but it is declared " + parameter.typeName());
            }
        }
    }

    private static java.util.Optional<String> referencedStep(Step step, Expr part, Map<String, Step> all) {
        if (part instanceof Expr.Get get) {
            return get.stepName();
        }
        if (part instanceof Expr.JsonGet jsonGet) {
            Step source = all.get(jsonGet.stepName());
            if (!(source instanceof Step.ProcessingStep processing)) {
                throw new IllegalArgumentException("step " + step.name() + " reads a property file of step " + jsonGet.stepName()
                        + (source == null ? ", which the pipeline does not have" : ", which is not a processing step"));
            }
            if (processing.propertyFile(jsonGet.propertyFile()).isEmpty()) {
                throw new IllegalArgumentException("step " + step.name() + " reads property file " + jsonGet.propertyFile()
                        + ", which step " + jsonGet.stepName() + " does not declare");
            }
            return java.util.Optional.of(jsonGet.stepName());
        }
        return java.util.Optional.empty();
    }

    private static void rejectCycles(Map<String, Set<String>> dependencies) {
        Map<String, Integer> state = new HashMap<>();
        for (String start : new java.util.TreeSet<>(dependencies.keySet())) {
            visit(start, dependencies, state, new ArrayList<>());
        }
    }

    private static void visit(String step, Map<String, Set<String>> dependencies, Map<String, Integer> state, List<String> path) {
        Integer seen = state.get(step);
        if (seen != null && seen == 2) {
            return;
        }
        path.add(step);
        if (seen != null && seen == 1) {
            throw new IllegalArgumentException("the steps form a cycle: " + String.join(" -> ", path));
        }
        state.put(step, 1);
        for (String next : new java.util.TreeSet<>(dependencies.getOrDefault(step, Set.of()))) {
            visit(next, dependencies, state, path);
        }
        state.put(step, 2);
        path.remove(path.size() - 1);
    }
}
