package dev.weft.run;

import dev.weft.app.definition.DefinitionParser;
import dev.weft.engine.graph.CompiledGraph;
import dev.weft.engine.graph.GraphCompiler;
import org.springframework.stereotype.Component;

/**
 * The graph a chat turn runs when a {@link PresetReplies preset reply} answers it: a start node and an answer node
 * that says the environment variable {@value #ANSWER_VARIABLE}. The text travels as a variable, never as part of
 * the template, so an answer that looks like a template is said as written.
 */
@Component
class PresetReplyGraph {

    static final String ANSWER_VARIABLE = "weft_preset_reply";
    static final String ANSWER_NODE = "annotation_reply";

    private final CompiledGraph graph;

    PresetReplyGraph(DefinitionParser parser, GraphCompiler compiler) {
        this.graph = compiler.compile(parser.parse("""
                {"mode":"advanced-chat","graph":{"nodes":[
                  {"id":"start","data":{"type":"start","title":"Start","variables":[]}},
                  {"id":"ANSWER","data":{"type":"answer","title":"Annotation Reply","answer":"{{#env.VARIABLE#}}"}}],
                 "edges":[{"source":"start","target":"ANSWER"}]}}
                """.replace("ANSWER", ANSWER_NODE).replace("VARIABLE", ANSWER_VARIABLE)).graph());
    }

    CompiledGraph graph() {
        return graph;
    }
}
