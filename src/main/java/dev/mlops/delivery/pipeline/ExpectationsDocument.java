package dev.mlops.delivery.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.config.DataSourceSettings;
import dev.mlops.config.DataSourceSettings.Column;

/**
 * The expectations of a data source as the JSON document {@code pipelines/data/validate.py} and
 * {@code publish.py} read:
 * <pre>
 * {"version": 1, "source": "house-sales", "minRows": 500,
 *  "columns": [{"name": "price", "type": "number", "required": true, "min": 1000.0, "max": 2.0E7}, ...]}
 * </pre>
 * {@code type} is number, integer, string or boolean; {@code required} means a value may not be empty;
 * {@code min}/{@code max} appear only when set. The document is an upload, not an argument, because a
 * container argument is limited to 256 characters.
 */
public final class ExpectationsDocument {

    public static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ExpectationsDocument() {
    }

    public static String json(DataSourceSettings source) {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", VERSION);
        root.put("source", source.name());
        root.put("minRows", source.expectations().minRows());
        ArrayNode columns = root.putArray("columns");
        for (Column column : source.expectations().columns()) {
            ObjectNode c = columns.addObject();
            c.put("name", column.name());
            c.put("type", column.type().key());
            c.put("required", column.required());
            column.min().ifPresent(v -> c.put("min", v));
            column.max().ifPresent(v -> c.put("max", v));
        }
        try {
            // Compact: a pretty printer writes the platform's line separator, which would change the digest per OS.
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write the expectations of " + source.name(), e);
        }
    }
}
