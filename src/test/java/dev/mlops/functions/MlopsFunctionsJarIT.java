package dev.mlops.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The Lambda bundle as built: {@code target/mlops-functions.jar} after shrinking. Runs in the verify phase
 * (maven-failsafe-plugin), in a JVM whose environment looks like Lambda's (see the plugin's configuration).
 *
 * <p>The versioning handler runs end to end from the jar alone: an isolated class loader (parent: the JDK's
 * platform loader, so nothing from the test classpath leaks in) creates it through its public no-arg
 * constructor, as the Lambda runtime does, and its SageMaker client talks awsJson1_1 to a fake endpoint on
 * loopback. What the shrinker removed by mistake would surface here as a missing class or method, a log line
 * that never appears, or a request that was never sent.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MlopsFunctionsJarIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() { };
    private static final String HANDLER = "dev.mlops.functions.versioning.ModelVersioningHandler";
    /**
     * The size the bundle is expected to stay under; raise it deliberately, with the reason in the commit.
     * 20 MB since the metrics function reads S3: with the S3 client in the bundle ProGuard keeps about half of
     * the SageMaker and S3 model classes (18.3 MB, 10.2 MB without it), far below Lambda's 50 MB zip limit.
     */
    private static final long SIZE_BUDGET_BYTES = 20_000_000;

    private static final Path JAR = Path.of(System.getProperty("mlops.functionsJar", "target/mlops-functions.jar"));
    private static final Path CLASSES =
            Path.of(System.getProperty("mlops.functionsClasses", "target/classes/dev/mlops/functions"));

    private static FakeSageMakerEndpoint sageMaker;
    private static URLClassLoader bundle;
    private static Object handler;
    private static final ByteArrayOutputStream STDOUT = new ByteArrayOutputStream();
    private static PrintStream originalOut;

    @BeforeAll
    static void loadTheBundle() throws Exception {
        assertThat(JAR).as("run mvn package first").isRegularFile();
        sageMaker = new FakeSageMakerEndpoint()
                .registered(1, Map.of("ModelTag", "1", "TriggerType", "code-change", "ModelVersion", "V1.0.0"),
                        Map.of("model-version", "V1.0.0"))
                .registered(2, Map.of("ModelTag", "1", "TriggerType", "drift", "ModelVersion", "V1.0.1"),
                        Map.of("model-version", "V1.0.1"))
                .registered(3, Map.of("ModelTag", "1", "TriggerType", "code-change"), Map.of("project", "mlops"));
        // The SDK's own setting for a service endpoint; the handler builds its client exactly as in Lambda.
        System.setProperty("aws.endpointUrlSageMaker", sageMaker.uri().toString());
        // Log4j's console appender and the EMF sink write to System.out, as Lambda captures it.
        originalOut = System.out;
        System.setOut(new PrintStream(new TeeOutputStream(originalOut, STDOUT), true, StandardCharsets.UTF_8));
        bundle = new URLClassLoader("mlops-functions", new URL[] {JAR.toUri().toURL()},
                ClassLoader.getPlatformClassLoader());
        handler = inBundle(() -> bundle.loadClass(HANDLER).getConstructor().newInstance());
    }

    @AfterAll
    static void unload() throws IOException {
        System.setOut(originalOut);
        System.clearProperty("aws.endpointUrlSageMaker");
        if (bundle != null) {
            bundle.close();
        }
        if (sageMaker != null) {
            sageMaker.close();
        }
    }

    @Test
    void holdsNoPulumiClasses() throws IOException {
        assertThat(entries()).noneMatch(name -> name.startsWith("com/pulumi/"));
    }

    @Test
    void holdsEveryFunctionClass() throws IOException {
        Set<String> compiled;
        try (Stream<Path> files = Files.walk(CLASSES)) {
            compiled = files.filter(f -> f.toString().endsWith(".class"))
                    .map(f -> "dev/mlops/functions/" + CLASSES.relativize(f).toString().replace('\\', '/'))
                    .collect(Collectors.toSet());
        }

        assertThat(compiled).contains("dev/mlops/functions/versioning/ModelVersioningHandler.class");
        assertThat(entries()).containsAll(compiled);
        assertThat(entries()).contains("log4j2.xml");
    }

    @Test
    void staysWithinItsSizeBudget() throws IOException {
        assertThat(Files.size(JAR)).isLessThan(SIZE_BUDGET_BYTES);
    }

    @Test
    @Order(1)
    void versionsANewPackageEndToEnd() throws Exception {
        JsonNode result = invoke("model-package-created.json", "it-request-1");

        assertThat(result.path("outcome").asText()).isEqualTo("ASSIGNED");
        assertThat(result.path("modelVersion").asText()).isEqualTo("V1.1.0");
        List<FakeSageMakerEndpoint.Request> requests = sageMaker.requests();
        assertThat(requests).extracting(FakeSageMakerEndpoint.Request::operation).containsExactly(
                "DescribeModelPackage", "ListModelPackages", "ListModelPackages", "DescribeModelPackage",
                "UpdateModelPackage", "AddTags");
        assertThat(requests).allSatisfy(r -> {
            assertThat(r.headers().get("Content-Type")).isEqualTo("application/x-amz-json-1.1");
            assertThat(r.headers().get("Authorization"))
                    .startsWith("AWS4-HMAC-SHA256 Credential=it-access-key-id/")
                    .contains("/eu-west-1/sagemaker/aws4_request");
            assertThat(r.headers().get("X-Amz-Security-Token")).isEqualTo("it-session-token");
        });
        assertThat(requests.get(0).body().path("ModelPackageName").asText()).isEqualTo(FakeSageMakerEndpoint.arn(3));
        JsonNode firstPage = requests.get(1).body();
        assertThat(firstPage.path("ModelPackageGroupName").asText()).isEqualTo("house-prices");
        assertThat(firstPage.path("ModelPackageType").asText()).isEqualTo("Versioned");
        assertThat(firstPage.path("SortBy").asText()).isEqualTo("CreationTime");
        assertThat(firstPage.path("SortOrder").asText()).isEqualTo("Ascending");
        assertThat(firstPage.path("MaxResults").asInt()).isEqualTo(100);
        assertThat(firstPage.has("NextToken")).isFalse();
        assertThat(requests.get(2).body().path("NextToken").asText()).isEqualTo("2");
        assertThat(requests.get(3).body().path("ModelPackageName").asText()).isEqualTo(FakeSageMakerEndpoint.arn(2));
        JsonNode update = requests.get(4).body();
        assertThat(update.path("ModelPackageArn").asText()).isEqualTo(FakeSageMakerEndpoint.arn(3));
        assertThat(JSON.convertValue(update.path("CustomerMetadataProperties"), STRING_MAP))
                .isEqualTo(Map.of("ModelTag", "1", "TriggerType", "code-change", "ModelVersion", "V1.1.0"));
        JsonNode tagging = requests.get(5).body();
        assertThat(tagging.path("ResourceArn").asText()).isEqualTo(FakeSageMakerEndpoint.arn(3));
        assertThat(tagging.path("Tags")).hasSize(1);
        assertThat(tagging.path("Tags").get(0).path("Key").asText()).isEqualTo("model-version");
        assertThat(tagging.path("Tags").get(0).path("Value").asText()).isEqualTo("V1.1.0");
        assertThat(sageMaker.metadataOf(3)).containsEntry("ModelVersion", "V1.1.0");
        assertThat(sageMaker.tagsOf(3)).containsEntry("model-version", "V1.1.0").containsEntry("project", "mlops");
    }

    @Test
    @Order(2)
    void writesNothingForAPackageThatIsAlreadyVersioned() throws Exception {
        sageMaker.clearRequests();

        JsonNode result = invoke("model-package-created.json", "it-request-2");

        assertThat(result.path("outcome").asText()).isEqualTo("UNCHANGED");
        assertThat(result.path("modelVersion").asText()).isEqualTo("V1.1.0");
        assertThat(sageMaker.requests()).extracting(FakeSageMakerEndpoint.Request::operation)
                .containsExactly("DescribeModelPackage", "ListTags");
    }

    @Test
    @Order(3)
    void logsJsonAndEmitsEmbeddedMetrics() throws Exception {
        List<JsonNode> lines = stdoutJson();

        assertThat(lines).anySatisfy(line -> {
            assertThat(line.path("level").asText()).isEqualTo("INFO");
            assertThat(line.path("message").asText()).startsWith("Assigned modelVersion=V1.1.0");
            assertThat(line.path("modelVersion").asText()).isEqualTo("V1.1.0");
            assertThat(line.path("function_request_id").asText()).isEqualTo("it-request-1");
            assertThat(line.path("function_name").asText()).isEqualTo("mlops-it-model-versioning");
            assertThat(line.path("service").asText()).isEqualTo("model-versioning");
        });
        assertThat(lines).anySatisfy(line -> {
            JsonNode directive = line.path("_aws").path("CloudWatchMetrics").path(0);
            assertThat(directive.path("Namespace").asText()).isEqualTo("mlops-it");
            assertThat(directive.path("Metrics").findValuesAsText("Name")).contains("VersionAssigned");
            assertThat(line.path("VersionAssigned").asDouble()).isEqualTo(1.0);
            assertThat(line.path("Service").asText()).isEqualTo("model-versioning");
        });
        assertThat(lines).anySatisfy(line ->
                assertThat(line.path("VersionUnchanged").asDouble()).isEqualTo(1.0));
    }

    private static Set<String> entries() throws IOException {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            return jar.stream().map(JarEntry::getName).collect(Collectors.toSet());
        }
    }

    private static List<JsonNode> stdoutJson() {
        return STDOUT.toString(StandardCharsets.UTF_8).lines()
                .filter(l -> l.startsWith("{"))
                .map(l -> {
                    try {
                        return JSON.readTree(l);
                    } catch (IOException e) {
                        throw new AssertionError("not JSON: " + l, e);
                    }
                })
                .toList();
    }

    /** Invokes the handler the way the Lambda runtime does: event bytes in, result bytes out, a Context. */
    private static JsonNode invoke(String fixture, String requestId) throws Exception {
        byte[] event;
        try (InputStream in = MlopsFunctionsJarIT.class.getResourceAsStream("/events/" + fixture)) {
            event = in.readAllBytes();
        }
        Class<?> contextType = bundle.loadClass("com.amazonaws.services.lambda.runtime.Context");
        Object context = Proxy.newProxyInstance(bundle, new Class<?>[] {contextType}, (proxy, method, args) ->
                switch (method.getName()) {
                    case "getAwsRequestId" -> requestId;
                    case "getFunctionName" -> "mlops-it-model-versioning";
                    case "getFunctionVersion" -> "$LATEST";
                    case "getInvokedFunctionArn" ->
                            "arn:aws:lambda:eu-west-1:111122223333:function:mlops-it-model-versioning";
                    case "getLogGroupName" -> "/aws/lambda/mlops-it-model-versioning";
                    case "getLogStreamName" -> "2026/03/02/[$LATEST]it";
                    case "getMemoryLimitInMB" -> 512;
                    case "getRemainingTimeInMillis" -> 30_000;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "FakeContext(" + requestId + ")";
                    default -> null;
                });
        Method handle = handler.getClass().getMethod("handleRequest", InputStream.class, OutputStream.class,
                contextType);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        inBundle(() -> handle.invoke(handler, new ByteArrayInputStream(event), out, context));
        return JSON.readTree(out.toByteArray());
    }

    private interface Call<T> {
        T call() throws Exception;
    }

    /** Runs with the bundle as context class loader, as in Lambda (Log4j and ServiceLoader look there). */
    private static <T> T inBundle(Call<T> call) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(bundle);
        try {
            return call.call();
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** Writes to two streams: the test still shows the function's output. */
    private static final class TeeOutputStream extends OutputStream {
        private final OutputStream first;
        private final OutputStream second;

        TeeOutputStream(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public synchronized void write(int b) throws IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            first.write(b, off, len);
            second.write(b, off, len);
        }

        @Override
        public synchronized void flush() throws IOException {
            first.flush();
            second.flush();
        }
    }
}
