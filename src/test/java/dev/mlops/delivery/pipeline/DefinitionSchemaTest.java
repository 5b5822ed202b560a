package dev.mlops.delivery.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The generated definitions against AWS's published "SageMaker Model Building Pipeline definition JSON schema"
 * (src/test/resources/pipeline/pipeline-definition.schema.json, verbatim; see SOURCES.md there).
 *
 * <p>The published schema predates constructs sagemaker-python-sdk writes and SageMaker accepts, so it is
 * validated with the {@link Amendment}s below, each adding one construct with the SDK source that writes it.
 * One test shows every amendment is needed (the unamended schema rejects a generated definition without it),
 * so the list cannot silently grow into "anything goes".
 */
class DefinitionSchemaTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static ObjectNode published;
    static Map<String, JsonNode> definitions = new TreeMap<>();

    /** Constructs the published schema lacks, each with where sagemaker-python-sdk writes it. */
    enum Amendment {
        /**
         * {@code {"Std:Join": {"On", "Values"}}} where a string goes (functions.py Join.expr). The schema's own
         * JoinFunction puts "Values" beside the body's properties, so it rejects "On", and no value type refers to it.
         */
        JOIN(defs -> {
            defs.set("JoinFunction", object("{\"type\":\"object\",\"required\":[\"Std:Join\"],\"additionalProperties\":false,"
                    + "\"properties\":{\"Std:Join\":{\"type\":\"object\",\"required\":[\"On\",\"Values\"],\"additionalProperties\":false,"
                    + "\"properties\":{\"On\":{\"type\":\"string\"},\"Values\":{\"type\":\"array\",\"items\":{\"anyOf\":["
                    + "{\"type\":[\"string\",\"number\",\"boolean\"]},{\"$ref\":\"#/definitions/GetFunction\"}]}}}}}}"));
            ((ArrayNode) defs.get("StringArgumentValue").get("oneOf")).add(object("{\"$ref\":\"#/definitions/JoinFunction\"}"));
        }),
        /** {@code {"Std:JsonGet": {"PropertyFile": {"Get"}, "Path"}}} as a value (functions.py JsonGet.expr). */
        JSON_GET(defs -> {
            defs.set("JsonGetFunction", object("{\"type\":\"object\",\"required\":[\"Std:JsonGet\"],\"additionalProperties\":false,"
                    + "\"properties\":{\"Std:JsonGet\":{\"type\":\"object\",\"required\":[\"PropertyFile\",\"Path\"],\"additionalProperties\":false,"
                    + "\"properties\":{\"PropertyFile\":{\"$ref\":\"#/definitions/GetFunction\"},\"Path\":{\"type\":\"string\"}}}}}"));
            for (String value : List.of("StringArgumentValue", "IntegerArgumentValue", "FloatArgumentValue", "BooleanArgumentValue")) {
                ((ArrayNode) defs.get(value).get("oneOf")).add(object("{\"$ref\":\"#/definitions/JsonGetFunction\"}"));
            }
        }),
        /** A processing step's {@code PropertyFiles} (steps.py ProcessingStep.to_request, properties.py PropertyFile.expr). */
        PROPERTY_FILES(defs -> ((ObjectNode) defs.get("ProcessingStep").get("properties")).set("PropertyFiles", object(
                "{\"type\":\"array\",\"items\":{\"type\":\"object\",\"required\":[\"PropertyFileName\",\"OutputName\",\"FilePath\"],"
                        + "\"additionalProperties\":false,\"properties\":{\"PropertyFileName\":{\"type\":\"string\"},"
                        + "\"OutputName\":{\"type\":\"string\"},\"FilePath\":{\"type\":\"string\"}}}}"))),
        /**
         * CreateModelPackage fields a RegisterModel step passes on beyond the five the schema lists:
         * ModelApprovalStatus, CustomerMetadataProperties, Domain and Task (model_registry.py
         * get_create_model_package_request, whose request a ModelStep writes as its Arguments).
         */
        REGISTER_FIELDS(defs -> {
            ObjectNode properties = (ObjectNode) defs.get("RegisterModelStep").get("properties").get("Arguments").get("properties");
            for (String field : List.of("ModelApprovalStatus", "Domain", "Task")) {
                properties.set(field, object("{\"$ref\":\"#/definitions/StringArgumentValue\"}"));
            }
            properties.set("CustomerMetadataProperties", object("{\"type\":\"object\","
                    + "\"patternProperties\":{\".*\":{\"$ref\":\"#/definitions/StringArgumentValue\"}}}"));
        }),
        /** A string parameter's {@code EnumValues} (parameters.py ParameterString.to_request). */
        ENUM_VALUES(defs -> ((ObjectNode) defs.get("StringParameter").get("properties")).set("EnumValues",
                object("{\"type\":\"array\",\"items\":{\"type\":\"string\"}}")));

        final Consumer<ObjectNode> apply;

        Amendment(Consumer<ObjectNode> apply) {
            this.apply = apply;
        }
    }

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = DefinitionSchemaTest.class.getResourceAsStream("/pipeline/pipeline-definition.schema.json")) {
            published = (ObjectNode) JSON.readTree(in);
        }
        definitions.put("training (built-in XGBoost)", PipelineFixtures.tree(
                TrainingPipeline.generate(PipelineFixtures.housePrices(), PipelineFixtures.trainingInputs())));
        definitions.put("training (own container)", PipelineFixtures.tree(TrainingPipeline.generate(PipelineFixtures.ownContainerModel(),
                PipelineFixtures.trainingInputs(Optional.of(PipelineFixtures.OWN_REPOSITORY)))));
        definitions.put("data", PipelineFixtures.tree(DataPipeline.generate(PipelineFixtures.houseSales(), PipelineFixtures.dataInputs())));
    }

    static JsonNode object(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    static JsonSchema schema(Set<Amendment> amendments) {
        ObjectNode schema = published.deepCopy();
        // "$schema": "http://json-schema.org/schema#" names no particular draft; its keywords are those of draft 7.
        schema.remove("$schema");
        amendments.forEach(a -> a.apply.accept((ObjectNode) schema.get("definitions")));
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(schema);
    }

    static List<String> errors(JsonSchema schema) {
        List<String> all = new ArrayList<>();
        definitions.forEach((name, definition) -> {
            for (ValidationMessage message : schema.validate(definition)) {
                all.add(name + ": " + message.getMessage());
            }
        });
        return all;
    }

    @Test
    void theCommittedSchemaIsAwssPublishedOne() {
        assertThat(published.get("title").asText()).isEqualTo("SageMaker Pipeline Definition JSON Schema");
        assertThat(published.get("properties").get("Version").get("enum").get(0).asText()).isEqualTo(PipelineDefinition.VERSION);
        assertThat(published.get("definitions").get("StepName").get("pattern").asText()).isEqualTo("^[A-Za-z0-9\\-_]{1,64}$");
        assertThat(published.get("definitions").get("ParameterName").get("pattern").asText()).isEqualTo("^[A-Za-z0-9\\-_]{1,64}$");
    }

    @Test
    void everyGeneratedDefinitionIsValidAgainstTheAmendedSchema() {
        assertThat(errors(schema(EnumSet.allOf(Amendment.class)))).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Amendment.class)
    void everyAmendmentIsNeededByAGeneratedDefinition(Amendment left) {
        EnumSet<Amendment> others = EnumSet.allOf(Amendment.class);
        others.remove(left);
        assertThat(errors(schema(others))).as("without %s", left).isNotEmpty();
    }

    @Test
    void theAmendedSchemaStillRejectsWhatTheDefinitionLanguageDoesNotHave() {
        JsonSchema schema = schema(EnumSet.allOf(Amendment.class));
        ObjectNode badStepName = definitions.get("data").deepCopy();
        ((ObjectNode) badStepName.get("Steps").get(0)).put("Name", "Ingest batch");
        assertThat(schema.validate(badStepName)).isNotEmpty();
        ObjectNode unknownField = definitions.get("data").deepCopy();
        ((ObjectNode) unknownField.get("Steps").get(0).get("Arguments")).put("ProcessingJobTimeout", 5);
        assertThat(schema.validate(unknownField)).isNotEmpty();
        ObjectNode badVersion = definitions.get("data").deepCopy();
        badVersion.put("Version", "2021-01-01");
        assertThat(schema.validate(badVersion)).isNotEmpty();
    }
}
