package dev.weft.ui.designer;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.popover.Popover;
import com.vaadin.flow.component.popover.PopoverPosition;
import java.util.List;

/** The designer's keyboard shortcuts, in a popover on the help button. */
final class ShortcutsHelp {

    record Shortcut(String keys, String what) {}

    static final List<Shortcut> SHORTCUTS = List.of(
            new Shortcut("Ctrl+Z", "Undo"),
            new Shortcut("Ctrl+Shift+Z / Ctrl+Y", "Redo"),
            new Shortcut("Ctrl+C / Ctrl+X / Ctrl+V", "Copy, cut, paste selected nodes (paste goes under the pointer)"),
            new Shortcut("Ctrl+D", "Duplicate selected nodes"),
            new Shortcut("Delete / Backspace", "Delete the selection"),
            new Shortcut("Ctrl+A", "Select all nodes"),
            new Shortcut("Shift+drag / Ctrl+click", "Select several nodes"),
            new Shortcut("Ctrl+O", "Auto-layout"),
            new Shortcut("Shift+1", "Fit the graph in view"),
            new Shortcut("Scroll / pinch", "Zoom"),
            new Shortcut("Ctrl+Enter", "Open the run panel (preview for chat apps)"),
            new Shortcut("{{# or Ctrl+Space in a prompt", "Insert a variable"));

    private ShortcutsHelp() {}

    static Popover create(Component target) {
        Popover popover = new Popover();
        popover.setTarget(target);
        popover.setPosition(PopoverPosition.BOTTOM_END);
        popover.addClassName("weft-shortcuts");
        popover.getElement().setAttribute("aria-label", "Keyboard shortcuts");
        Div list = new Div();
        list.getStyle().set("display", "grid").set("grid-template-columns", "auto 1fr").set("gap", "4px 16px")
                .set("font-size", "var(--lumo-font-size-s)");
        for (Shortcut s : SHORTCUTS) {
            Span keys = new Span(s.keys());
            keys.getStyle().set("font-family", "var(--lumo-font-family-monospace, monospace)").set("white-space", "nowrap");
            list.add(keys, new Span(s.what()));
        }
        H4 heading = new H4("Keyboard shortcuts");
        heading.getStyle().set("margin", "0 0 var(--lumo-space-s)");
        popover.add(heading, list);
        return popover;
    }
}
