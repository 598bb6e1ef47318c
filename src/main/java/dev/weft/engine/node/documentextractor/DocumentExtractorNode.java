package dev.weft.engine.node.documentextractor;

import dev.weft.engine.file.FileResolver;
import dev.weft.engine.graph.NodeRegistry;
import dev.weft.engine.node.NodeContext;
import dev.weft.engine.node.NodeExecutionException;
import dev.weft.engine.node.NodeExecutor;
import dev.weft.engine.node.NodeResult;
import dev.weft.engine.variable.FileValue;
import dev.weft.engine.variable.Selector;
import dev.weft.engine.variable.Values;
import dev.weft.knowledge.extract.ExtractionException;
import dev.weft.knowledge.extract.NoExtractableTextException;
import dev.weft.knowledge.extract.TikaDocumentParser;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * {@code document-extractor}: the text of a file, or of each file of a list, as {@code text} (a string or a list
 * of strings). Files are read through the {@link FileResolver} and parsed by the knowledge base's
 * {@link TikaDocumentParser}; unreadable files fail the node with the parser's reason, and a document without text
 * (a scanned page) gives "" as in Dify.
 */
@Component
public class DocumentExtractorNode implements NodeExecutor<DocumentExtractorConfig> {

    private final FileResolver files;
    private final TikaDocumentParser parser;

    public DocumentExtractorNode(FileResolver files, TikaDocumentParser parser) {
        this.files = files;
        this.parser = parser;
    }

    @Override
    public String type() {
        return "document-extractor";
    }

    @Override
    public Class<DocumentExtractorConfig> configType() {
        return DocumentExtractorConfig.class;
    }

    @Override
    public NodeResult execute(DocumentExtractorConfig config, NodeContext ctx) {
        if (config.variableSelector() == null || config.variableSelector().size() < 2) {
            throw new NodeExecutionException("DocumentExtractorError", "choose the file variable to extract text from");
        }
        Selector selector = new Selector(config.variableSelector());
        Object value = ctx.resolve(selector).orElseThrow(() -> new NodeExecutionException("DocumentExtractorError",
                "file variable " + selector + " is not set"));
        Map<String, Object> inputs = Map.of("variable_selector", selector.path());
        if (value instanceof List<?> list) {
            List<String> texts = new ArrayList<>();
            for (Object item : list) {
                ctx.checkCancelled();
                texts.add(extract(file(item, selector)));
            }
            return NodeResult.of(inputs, Map.of("text", texts));
        }
        return NodeResult.of(inputs, Map.of("text", extract(file(value, selector))));
    }

    private String extract(FileValue file) {
        String name = file.filename() == null ? "file" : file.filename();
        try (InputStream in = files.open(file)) {
            return parser.parse(in, name, file.mimeType()).text();
        } catch (NoExtractableTextException e) {
            return "";
        } catch (ExtractionException e) {
            throw new NodeExecutionException("DocumentExtractorError", e.getMessage(), e);
        } catch (IOException e) {
            throw new NodeExecutionException("FileDownloadError", name + " could not be read: " + e.getMessage(), e);
        }
    }

    /** A file value, or a file written as a map (snake_case as in Dify, or camelCase). */
    private static FileValue file(Object value, Selector selector) {
        if (value instanceof FileValue f) {
            return f;
        }
        if (value instanceof Map<?, ?> m) {
            boolean snake = m.containsKey("transfer_method") || m.containsKey("upload_file_id") || m.containsKey("related_id");
            Map<String, Object> map = Values.toMap(m);
            if (!map.containsKey("upload_file_id") && map.get("related_id") != null) {
                map = new java.util.LinkedHashMap<>(map);
                map.put("upload_file_id", map.get("related_id"));
            }
            return snake ? NodeRegistry.CONFIG_MAPPER.convertValue(map, FileValue.class) : Values.JSON.convertValue(map, FileValue.class);
        }
        throw new NodeExecutionException("DocumentExtractorError",
                "variable " + selector + " is not a file or a list of files (it holds " + Values.toText(value) + ")");
    }

    @Override
    public List<Selector> inputSelectors(DocumentExtractorConfig config) {
        return config.variableSelector() != null && config.variableSelector().size() >= 2
                ? List.of(new Selector(config.variableSelector())) : List.of();
    }

    @Override
    public List<String> outputNames(DocumentExtractorConfig config) {
        return List.of("text");
    }

    @Override
    public List<ConfigProblem> validate(DocumentExtractorConfig config) {
        return config.variableSelector() == null || config.variableSelector().size() < 2
                ? List.of(new ConfigProblem("variable_selector", "choose the file variable to extract text from"))
                : List.of();
    }
}
