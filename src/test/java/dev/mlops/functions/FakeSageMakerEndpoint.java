package dev.mlops.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A SageMaker endpoint on loopback speaking the service's wire protocol (awsJson1_1: POST /, the operation in
 * {@code X-Amz-Target: SageMaker.<Operation>}, JSON bodies) for one model package group, so a real SDK client
 * can be pointed at it. Answers the operations model versioning uses and records every request.
 */
final class FakeSageMakerEndpoint implements AutoCloseable {

    /** One request as received. */
    record Request(String operation, JsonNode body, Map<String, String> headers) {
    }

    static final String GROUP = "house-prices";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    /** ListModelPackages pages hold two packages, whatever MaxResults says, so the client must follow NextToken. */
    private static final int PAGE = 2;

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<Integer, Map<String, String>> metadata = new ConcurrentHashMap<>();
    private final Map<Integer, Map<String, String>> tags = new ConcurrentHashMap<>();

    FakeSageMakerEndpoint() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    static String arn(int number) {
        return "arn:aws:sagemaker:eu-west-1:111122223333:model-package/" + GROUP + "/" + number;
    }

    FakeSageMakerEndpoint registered(int number, Map<String, String> properties, Map<String, String> packageTags) {
        metadata.put(number, new ConcurrentHashMap<>(properties));
        tags.put(number, new ConcurrentHashMap<>(packageTags));
        return this;
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    void clearRequests() {
        requests.clear();
    }

    Map<String, String> metadataOf(int number) {
        return new TreeMap<>(metadata.get(number));
    }

    Map<String, String> tagsOf(int number) {
        return new TreeMap<>(tags.get(number));
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
            Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, String.join(",", v)));
            String operation = target == null ? "" : target.substring(target.indexOf('.') + 1);
            requests.add(new Request(operation, body, headers));
            if (!"POST".equals(exchange.getRequestMethod()) || target == null || !target.startsWith("SageMaker.")) {
                reply(exchange, 400, error("UnknownOperationException", "not an awsJson1_1 SageMaker call"));
                return;
            }
            switch (operation) {
                case "DescribeModelPackage" -> describe(exchange, body);
                case "ListModelPackages" -> list(exchange, body);
                case "ListTags" -> listTags(exchange, body);
                case "UpdateModelPackage" -> update(exchange, body);
                case "AddTags" -> addTags(exchange, body);
                default -> reply(exchange, 400, error("UnknownOperationException", operation + " is not faked"));
            }
        }
    }

    private static int number(String arn) {
        return Integer.parseInt(arn.substring(arn.lastIndexOf('/') + 1));
    }

    private static double creationTime(int number) {
        return 1_767_600_000 + 86_400.0 * number + 0.25;
    }

    private void describe(HttpExchange exchange, JsonNode body) throws IOException {
        int number = number(body.path("ModelPackageName").asText());
        Map<String, String> properties = metadata.get(number);
        if (properties == null) {
            reply(exchange, 400, error("ValidationException", "ModelPackage " + arn(number) + " does not exist."));
            return;
        }
        ObjectNode out = JSON.createObjectNode()
                .put("ModelPackageName", GROUP)
                .put("ModelPackageGroupName", GROUP)
                .put("ModelPackageVersion", number)
                .put("ModelPackageArn", arn(number))
                .put("CreationTime", creationTime(number))
                .put("ModelPackageStatus", "Completed")
                .put("ModelApprovalStatus", "PendingManualApproval")
                .put("CertifyForMarketplace", false);
        out.putObject("ModelPackageStatusDetails").putArray("ValidationStatuses");
        ObjectNode props = out.putObject("CustomerMetadataProperties");
        new TreeMap<>(properties).forEach(props::put);
        reply(exchange, 200, out);
    }

    private void list(HttpExchange exchange, JsonNode body) throws IOException {
        if (!GROUP.equals(body.path("ModelPackageGroupName").asText())) {
            reply(exchange, 200, JSON.createObjectNode().putArray("ModelPackageSummaryList"));
            return;
        }
        List<Integer> numbers = metadata.keySet().stream().sorted().toList();
        int from = body.hasNonNull("NextToken") ? Integer.parseInt(body.get("NextToken").asText()) : 0;
        int to = Math.min(numbers.size(), from + PAGE);
        ObjectNode out = JSON.createObjectNode();
        ArrayNode summaries = out.putArray("ModelPackageSummaryList");
        for (int number : numbers.subList(from, to)) {
            summaries.addObject()
                    .put("ModelPackageName", GROUP)
                    .put("ModelPackageGroupName", GROUP)
                    .put("ModelPackageVersion", number)
                    .put("ModelPackageArn", arn(number))
                    .put("CreationTime", creationTime(number))
                    .put("ModelPackageStatus", "Completed")
                    .put("ModelApprovalStatus", "PendingManualApproval");
        }
        if (to < numbers.size()) {
            out.put("NextToken", String.valueOf(to));
        }
        reply(exchange, 200, out);
    }

    private void listTags(HttpExchange exchange, JsonNode body) throws IOException {
        ObjectNode out = JSON.createObjectNode();
        ArrayNode list = out.putArray("Tags");
        new TreeMap<>(tags.get(number(body.path("ResourceArn").asText())))
                .forEach((k, v) -> list.addObject().put("Key", k).put("Value", v));
        reply(exchange, 200, out);
    }

    private void update(HttpExchange exchange, JsonNode body) throws IOException {
        String arn = body.path("ModelPackageArn").asText();
        Map<String, String> properties = metadata.get(number(arn));
        body.path("CustomerMetadataProperties").properties()
                .forEach(e -> properties.put(e.getKey(), e.getValue().asText()));
        reply(exchange, 200, JSON.createObjectNode().put("ModelPackageArn", arn));
    }

    private void addTags(HttpExchange exchange, JsonNode body) throws IOException {
        Map<String, String> current = tags.get(number(body.path("ResourceArn").asText()));
        body.path("Tags").forEach(t -> current.put(t.path("Key").asText(), t.path("Value").asText()));
        ObjectNode out = JSON.createObjectNode();
        out.set("Tags", body.path("Tags"));
        reply(exchange, 200, out);
    }

    private static ObjectNode error(String type, String message) {
        return JSON.createObjectNode().put("__type", type).put("message", message);
    }

    private static void reply(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
        exchange.getResponseHeaders().set("x-amzn-RequestId", "fake-" + System.nanoTime());
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
