package dev.weft.ui.designer.panel;

import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.data.value.ValueChangeMode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** HTTP request: method and URL, authorization, headers and query parameters, body, timeouts, TLS check. */
final class HttpRequestPanel extends NodePanel {

    HttpRequestPanel(String nodeId, ObjectNode data, PanelContext ctx) {
        super(nodeId, data, ctx);
    }

    @Override
    protected void build() {
        add(row(choice("Method", "method", options("get", "GET", "post", "POST", "put", "PUT", "patch", "PATCH",
                "delete", "DELETE", "head", "HEAD"), false)));
        add(prompt("URL", "url", 1));
        add(section("Authorization"));
        add(choice("Authorization", "authorization.type", options("no-auth", "None", "api-key", "API key"), true));
        if ("api-key".equals(str("authorization.type"))) {
            add(choice("Key type", "authorization.config.type", options("bearer", "Bearer token", "basic", "Basic",
                    "custom", "Custom header"), true));
            PasswordField key = new PasswordField("API key");
            key.setWidthFull();
            key.setValue(str("authorization.config.api_key"));
            key.setValueChangeMode(ValueChangeMode.LAZY);
            key.setHelperText("Or a variable such as {{#env.api_key#}} (keep secrets in secret environment variables).");
            key.addValueChangeListener(e -> {
                if (e.isFromClient()) {
                    set("authorization.config.api_key", JSON.stringNode(e.getValue()));
                    changed();
                }
            });
            add(key);
            if ("custom".equals(str("authorization.config.type"))) {
                add(text("Header name", "authorization.config.header"));
            }
        }
        add(section("Headers and parameters"));
        add(prompt("Headers (one \"Name: value\" per line)", "headers", 3));
        add(prompt("Query parameters (one \"name: value\" per line)", "params", 3));
        add(section("Body"));
        add(choice("Body type", "body.type", options("none", "None", "json", "JSON", "raw-text", "Raw text",
                "x-www-form-urlencoded", "Form (URL-encoded)", "form-data", "Form data"), true));
        String type = str("body.type");
        if (type.equals("json") || type.equals("raw-text")) {
            ArrayNode items = array("body.data");
            if (items.isEmpty()) {
                items.addObject().put("type", "text").put("value", "");
            }
            add(prompt(type.equals("json") ? "JSON body" : "Text body", "body.data[0].value", 5));
        } else if (type.equals("x-www-form-urlencoded") || type.equals("form-data")) {
            ArrayNode items = array("body.data");
            for (int i = 0; i < items.size(); i++) {
                String base = "body.data[" + i + "]";
                add(row(text("Field name", base + ".key"), text("Field value", base + ".value"),
                        removeButton("form field " + (i + 1), "body.data", i)));
            }
            add(addButton("Add form field", () -> items.addObject().put("key", "").put("type", "text").put("value", "")));
        }
        add(section("Timeouts (seconds)"));
        add(row(integer("Connect", "timeout.connect", 1, 300), integer("Read", "timeout.read", 1, 600),
                integer("Write", "timeout.write", 1, 600)));
        if (at("ssl_verify") == null) {
            set("ssl_verify", JSON.booleanNode(true));
        }
        add(check("Verify TLS certificates", "ssl_verify"));
    }
}
