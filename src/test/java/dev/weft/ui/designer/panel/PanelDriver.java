package dev.weft.ui.designer.panel;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.AbstractField;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.HasLabel;
import com.vaadin.flow.component.button.Button;
import dev.weft.app.definition.AppMode;
import dev.weft.engine.graph.GraphInspector;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import tools.jackson.databind.node.ObjectNode;

/**
 * Drives a node panel on the server as a person in the browser would: finds fields by their label, enters values
 * as client changes (the event Vaadin fires when the browser sends a value), clicks buttons, and keeps the data
 * the panel handed on, which is what the designer puts into the draft.
 */
final class PanelDriver {

    static final List<GraphInspector.Variable> VARIABLES = List.of(
            new GraphInspector.Variable(List.of("sys", "query"), "System"),
            new GraphInspector.Variable(List.of("sys", "files"), "System"),
            new GraphInspector.Variable(List.of("start", "topic"), "Start"));
    static final List<PanelContext.Choice> PROVIDERS = List.of(new PanelContext.Choice("Fake AI", "Fake AI (openai-compatible)", "gpt-fake"),
            new PanelContext.Choice("Rerankers", "Rerankers (openai-compatible)", "rerank-1"));

    final NodePanel panel;
    private final List<ObjectNode> handedOn = new ArrayList<>();

    PanelDriver(AppMode mode, ObjectNode data) {
        PanelContext ctx = new PanelContext(mode, VARIABLES, List.of("text"), List.of(), PROVIDERS,
                List.of(new PanelContext.Choice("ds1", "Handbook", null)), handedOn::add);
        this.panel = NodePanels.create("node1", data, ctx);
    }

    /** What the panel last handed on (the node's data as the draft gets it). */
    ObjectNode saved() {
        assertThat(handedOn).as("the panel handed no data on").isNotEmpty();
        return handedOn.getLast();
    }

    int changes() {
        return handedOn.size();
    }

    <T extends Component> T field(Class<T> type, String label) {
        return all().filter(type::isInstance).map(type::cast)
                .filter(c -> c instanceof HasLabel l && label.equals(l.getLabel()))
                .findFirst().orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " labelled '" + label + "'"));
    }

    boolean has(String label) {
        return all().anyMatch(c -> c instanceof HasLabel l && label.equals(l.getLabel()));
    }

    /** Sets the value as the browser would: the field changes, then listeners hear a change from the client. */
    static <V> void enter(AbstractField<?, V> field, V value) {
        V old = field.getValue();
        field.setValue(value);
        ComponentUtil.fireEvent(field, new AbstractField.ComponentValueChangeEvent<>(field, field, old, true));
    }

    <V, T extends AbstractField<?, V>> void enter(Class<T> type, String label, V value) {
        enter(field(type, label), value);
    }

    void click(String name) {
        Button b = all().filter(Button.class::isInstance).map(Button.class::cast)
                .filter(x -> name.equals(x.getText()) || name.equals(x.getAriaLabel().orElse(null)))
                .findFirst().orElseThrow(() -> new AssertionError("no button '" + name + "'"));
        b.click();
    }

    private Stream<Component> all() {
        return descendants(panel);
    }

    private static Stream<Component> descendants(Component c) {
        return Stream.concat(Stream.of(c), c.getChildren().filter(Objects::nonNull).flatMap(PanelDriver::descendants));
    }
}
