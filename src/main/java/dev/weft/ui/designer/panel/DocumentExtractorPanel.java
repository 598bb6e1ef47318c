package dev.weft.ui.designer.panel;

import tools.jackson.databind.node.ObjectNode;

/** Document extractor: the file (or file list) whose text to extract. */
final class DocumentExtractorPanel extends NodePanel {

    DocumentExtractorPanel(String nodeId, ObjectNode data, PanelContext ctx) {
        super(nodeId, data, ctx);
    }

    @Override
    protected void build() {
        add(selector("File variable", "variable_selector", ctx.variables()));
        add(check("The variable is a list of files", "is_array_file"));
        add(hint("Add a File or File list input to Start (or use sys.files in chat apps) to have files to read."));
    }
}
