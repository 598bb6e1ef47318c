package dev.weft.app.dsl;

import dev.weft.app.definition.DefinitionParser;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/** What Dify's DSL format fixes: the version Weft writes, the size limit and the YAML mapper. */
final class DifyDsl {

    /** The DSL version Weft writes. */
    static final String VERSION = "0.6.0";

    /** Dify's import limit. */
    static final int MAX_BYTES = 10 * 1024 * 1024;

    static final String NOTE_TYPE = "custom-note";

    /** Plain block YAML, quoting only strings that would read back as something else. */
    static final YAMLMapper YAML = YAMLMapper.builder()
            .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
            .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
            .enable(YAMLWriteFeature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLWriteFeature.LITERAL_BLOCK_STYLE)
            .build();

    /** Graph records to and from trees the same way definitions are read. */
    static final tools.jackson.databind.json.JsonMapper JSON = DefinitionParser.MAPPER;

    private DifyDsl() {}
}
