package dev.weft.ui.designer;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.KeyModifier;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.popover.Popover;
import com.vaadin.flow.component.popover.PopoverPosition;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinSession;
import dev.weft.app.App;
import dev.weft.app.AppService;
import dev.weft.app.AppVersion;
import dev.weft.app.StarterModel;
import dev.weft.app.StarterModelSource;
import dev.weft.app.definition.AppDefinition;
import dev.weft.app.definition.AppMode;
import dev.weft.app.definition.NodeDef;
import dev.weft.engine.graph.GraphInspector;
import dev.weft.engine.graph.GraphValidator;
import dev.weft.engine.graph.NodeRegistry;
import dev.weft.knowledge.dataset.DatasetService;
import dev.weft.model.provider.ModelProviderService;
import dev.weft.run.AppRunService;
import dev.weft.run.NodeTrialRun;
import dev.weft.security.Account;
import dev.weft.security.AccountService;
import dev.weft.ui.designer.panel.NodePanel;
import dev.weft.ui.designer.panel.NodePanels;
import dev.weft.ui.designer.panel.PanelContext;
import dev.weft.ui.run.RunPanel;
import dev.weft.ui.studio.AppListView;
import jakarta.annotation.security.PermitAll;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The visual designer of one app: the canvas with its palette, the side panel of the selected node or the run
 * panel (chat preview for chat apps), and a toolbar with the save state, the problems found, variables,
 * publish, version history and the keyboard shortcuts. Every change is checked at once (problems show on the
 * nodes) and saved to the draft a moment after the last one.
 */
@Route("apps/:appId/designer")
@PermitAll
public class DesignerView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    static final Duration AUTOSAVE_DELAY = Duration.ofMillis(800);
    private static final String CLIPBOARD = "weft.designer.clipboard";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final AppService apps;
    private final StarterModelSource starterModels;
    private final Account account;
    private final NodeCatalog catalog;
    private final GraphInspector inspector;
    private final GraphValidator validator;
    private final AppRunService runs;
    private final ModelProviderService providers;
    private final DatasetService datasets;
    private final DesignerScheduler scheduler;
    private final NodeTrialRun trials;
    private final CanvasModel model;

    private final WeftCanvas canvas = new WeftCanvas();
    private final Div side = new Div();
    private final Span saveState = new Span();
    private final Button problemsButton = new Button();
    private final UnorderedList problemList = new UnorderedList();
    private App app;
    private DraftEditor editor;
    private NodePanel panel;
    private RunPanel runPanel;
    private CanvasModel.Problems problems = new CanvasModel.Problems(Map.of(), List.of());
    private ScheduledFuture<?> pendingSave;
    private int savedRevision;
    private String title = "Designer";

    public DesignerView(AppService apps, AccountService accounts, NodeRegistry registry, GraphInspector inspector,
            GraphValidator validator, AppRunService runs, ModelProviderService providers, DatasetService datasets,
            DesignerScheduler scheduler, NodeTrialRun trials, StarterModelSource starterModels) {
        this.apps = apps;
        this.starterModels = starterModels;
        this.account = accounts.requireCurrentAccount();
        this.catalog = NodeCatalog.of(registry);
        this.inspector = inspector;
        this.validator = validator;
        this.runs = runs;
        this.providers = providers;
        this.datasets = datasets;
        this.scheduler = scheduler;
        this.trials = trials;
        this.model = new CanvasModel(catalog, inspector);
        setSizeFull();
        setPadding(false);
        setSpacing(false);
        addClassName("weft-designer-view");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        String appId = event.getRouteParameters().get("appId").orElse("");
        App found = apps.find(appId).filter(a -> a.getWorkspaceId().equals(account.getWorkspaceId())).orElse(null);
        if (found == null) {
            event.forwardTo(AppListView.class);
            Notification.show("There is no app with this address in your workspace.", 4000, Notification.Position.MIDDLE)
                    .addThemeVariants(NotificationVariant.LUMO_ERROR);
            return;
        }
        if (app != null && app.getId().equals(found.getId())) {
            return;
        }
        app = found;
        title = app.getName() + " · Designer";
        editor = new DraftEditor(apps.draft(app.getId()), catalog, inspector);
        savedRevision = editor.revision();
        build();
    }

    @Override
    public String getPageTitle() {
        return title;
    }

    private void build() {
        removeAll();
        Button back = new Button(VaadinIcon.ARROW_LEFT.create(), e -> UI.getCurrent().navigate(AppListView.class));
        back.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        back.setAriaLabel("Back to apps");
        back.setTooltipText("Back to apps");
        H3 name = new H3(app.getName());
        name.getStyle().set("margin", "0").set("font-size", "var(--lumo-font-size-l)");
        Span mode = new Span(modeLabel(app.getMode()));
        mode.getElement().getThemeList().add("badge contrast");
        saveState.addClassName("weft-save-state");
        saveState.getStyle().set("font-size", "var(--lumo-font-size-s)").set("color", "var(--lumo-secondary-text-color)");
        saveState.getElement().setAttribute("aria-live", "polite");
        showSaved("Saved");

        problemsButton.addClassName("weft-problems");
        problemsButton.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        Popover problemsPopover = new Popover();
        problemsPopover.setTarget(problemsButton);
        problemsPopover.setPosition(PopoverPosition.BOTTOM);
        problemsPopover.getElement().setAttribute("aria-label", "Problems");
        problemList.getStyle().set("margin", "0").set("padding-left", "var(--lumo-space-l)").set("max-width", "32rem")
                .set("max-height", "50vh").set("overflow", "auto").set("font-size", "var(--lumo-font-size-s)");
        problemsPopover.add(problemList);

        Button variables = new Button("Variables", VaadinIcon.CUBES.create(), e -> new VariablesDialog(editor.current(), def -> {
            if (editor.replace(def, null)) {
                afterChange(List.of());
            }
        }).open());
        variables.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        boolean chat = app.getMode().isChat();
        Button run = new Button(chat ? "Preview" : "Run", VaadinIcon.PLAY.create(), e -> toggleRunPanel());
        run.addClassName("weft-run-toggle");
        run.addClickShortcut(Key.ENTER, KeyModifier.CONTROL);
        run.setTooltipText((chat ? "Chat with the draft" : "Run the draft") + " (Ctrl+Enter)");
        Button versions = new Button("Versions", VaadinIcon.TIME_BACKWARD.create(), e -> openVersions());
        versions.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        Button publish = new Button("Publish", VaadinIcon.UPLOAD.create(), e -> publish());
        publish.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button help = new Button(VaadinIcon.QUESTION_CIRCLE_O.create());
        help.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        help.setAriaLabel("Keyboard shortcuts");
        help.setTooltipText("Keyboard shortcuts");
        Popover shortcuts = ShortcutsHelp.create(help);

        HorizontalLayout left = new HorizontalLayout(back, name, mode, saveState, problemsButton, problemsPopover);
        left.setAlignItems(FlexComponent.Alignment.CENTER);
        HorizontalLayout right = new HorizontalLayout(variables, versions, run, publish, help, shortcuts);
        right.setAlignItems(FlexComponent.Alignment.CENTER);
        right.getStyle().set("gap", "var(--lumo-space-xs)");
        HorizontalLayout bar = new HorizontalLayout(left, right);
        bar.setWidthFull();
        bar.setAlignItems(FlexComponent.Alignment.CENTER);
        bar.setJustifyContentMode(FlexComponent.JustifyContentMode.BETWEEN);
        bar.getStyle().set("padding", "var(--lumo-space-xs) var(--lumo-space-m)")
                .set("border-bottom", "1px solid var(--lumo-contrast-10pct)").set("box-sizing", "border-box");

        side.addClassName("weft-side-panel");
        side.getStyle().set("width", "440px").set("flex", "none").set("height", "100%").set("overflow", "auto")
                .set("box-sizing", "border-box").set("padding", "var(--lumo-space-s) var(--lumo-space-m)")
                .set("border-left", "1px solid var(--lumo-contrast-10pct)").set("background", "var(--lumo-base-color)");
        side.setVisible(false);

        canvas.setPalette(palette());
        canvas.addOperationListener(this::onOperation);
        canvas.getElement().setAttribute("aria-label", "Canvas of " + app.getName());
        HorizontalLayout body = new HorizontalLayout(canvas, side);
        body.setSizeFull();
        body.setSpacing(false);
        body.setFlexGrow(1, canvas);
        canvas.getStyle().set("min-width", "0");
        add(bar, body);
        setFlexGrow(1, body);
        afterChange(List.of(), false);
    }

    private JsonNode palette() {
        ArrayNode list = JSON.arrayNode();
        for (NodeCatalog.Entry e : catalog.palette(app.getMode())) {
            list.addObject().put("type", e.type()).put("label", e.label()).put("group", e.group()).put("description", e.description());
        }
        return list;
    }

    // ---- canvas operations ----

    void onOperation(JsonNode op) {
        String kind = op.path("op").asString("");
        List<String> select = List.of();
        boolean changed;
        switch (kind) {
            case "select" -> {
                String id = op.path("id").isString() ? op.path("id").asString() : null;
                showNode(id);
                return;
            }
            case "move" -> {
                Map<String, NodeDef.Position> moves = new LinkedHashMap<>();
                for (JsonNode m : op.path("moves")) {
                    moves.put(m.path("id").asString(), new NodeDef.Position(m.path("x").asDouble(), m.path("y").asDouble()));
                }
                // the browser already shows the new places: save and keep history, nothing to redraw
                if (editor.move(moves)) {
                    scheduleSave();
                    pushHistoryState();
                }
                return;
            }
            case "viewport" -> {
                // where the user panned and zoomed to: saved with the draft, nothing to redraw, no undo step
                if (op.path("zoom").isNumber() && editor.setViewport(op.path("x").asDouble(), op.path("y").asDouble(),
                        op.path("zoom").asDouble())) {
                    scheduleSave();
                }
                return;
            }
            case "resize" -> changed = editor.resize(op.path("id").asString(""),
                    new NodeDef.Position(op.path("x").asDouble(), op.path("y").asDouble()),
                    Math.max(300, op.path("width").asDouble(420)), Math.max(160, op.path("height").asDouble(200)));
            case "connect" -> changed = editor.connect(op.path("source").asString(""), op.path("sourceHandle").asString("source"),
                    op.path("target").asString(""));
            case "delete" -> changed = editor.delete(strings(op.path("nodes")), strings(op.path("edges")));
            case "add" -> {
                String id = addNode(op);
                changed = id != null;
                if (changed) {
                    select = List.of(id);
                }
            }
            case "copy" -> {
                copy(strings(op.path("ids")));
                return;
            }
            case "cut" -> {
                copy(strings(op.path("ids")));
                changed = editor.delete(strings(op.path("ids")), List.of());
            }
            case "paste" -> {
                GraphClipboard.Fragment fragment = (GraphClipboard.Fragment) VaadinSession.getCurrent().getAttribute(CLIPBOARD);
                NodeDef.Position at = op.path("x").isNumber() && op.path("y").isNumber()
                        ? new NodeDef.Position(op.path("x").asDouble(), op.path("y").asDouble()) : null;
                // pasted where the pointer is; over an iteration, inside it (at is then relative to it)
                String parentId = at != null && op.path("parentId").isString() ? op.path("parentId").asString() : null;
                select = editor.paste(fragment, at, parentId);
                changed = !select.isEmpty();
                if (fragment == null || fragment.isEmpty()) {
                    Notification.show("Nothing to paste: select nodes and press Ctrl+C first.", 2500, Notification.Position.BOTTOM_CENTER);
                }
            }
            case "duplicate" -> {
                select = editor.paste(editor.copy(strings(op.path("ids"))), null);
                changed = !select.isEmpty();
            }
            case "undo" -> changed = editor.undo();
            case "redo" -> changed = editor.redo();
            case "layout" -> changed = editor.layout(model::height);
            default -> {
                return;
            }
        }
        if (changed) {
            afterChange(select);
            if (kind.equals("undo") || kind.equals("redo")) {
                reopenPanel();
            }
            if (kind.equals("add") && !select.isEmpty()) {
                showNode(select.getFirst());
            }
        }
    }

    private String addNode(JsonNode op) {
        String type = op.path("type").asString("");
        String parent = op.path("parentId").isString() ? op.path("parentId").asString() : null;
        // the workspace's default chat model (Settings > Model providers), else its first provider's default model
        StarterModel starter = starterModels.forWorkspace(account.getWorkspaceId());
        return editor.addNode(type, new NodeDef.Position(op.path("x").asDouble(80), op.path("y").asDouble(80)), parent,
                starter.provider(), starter.name());
    }

    private void copy(List<String> ids) {
        GraphClipboard.Fragment fragment = editor.copy(ids);
        if (!fragment.isEmpty()) {
            VaadinSession.getCurrent().setAttribute(CLIPBOARD, fragment);
            Notification.show("Copied " + fragment.nodes().size() + (fragment.nodes().size() == 1 ? " node" : " nodes"),
                    1500, Notification.Position.BOTTOM_CENTER);
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asString()));
        return out;
    }

    private void afterChange(List<String> select) {
        afterChange(select, true);
    }

    /** Checks the definition, redraws the canvas and the problem list, and (after an edit) schedules the save. */
    private void afterChange(List<String> select, boolean edited) {
        AppDefinition def = editor.current();
        problems = CanvasModel.problems(def, validator.validate(def));
        canvas.setGraph(model.view(def, problems, editor.revision(), select));
        canvas.setHistory(editor.canUndo(), editor.canRedo());
        showProblems();
        if (panel != null && GraphEdits.find(def, panel.nodeId()) == null) {
            closeSide();
        }
        if (edited) {
            scheduleSave();
        }
    }

    /**
     * After a move only the undo and redo buttons change; the rest of the view is already right in the browser, so
     * the graph is not sent again (the next view the server sends carries the new places).
     */
    private void pushHistoryState() {
        canvas.setHistory(editor.canUndo(), editor.canRedo());
    }

    private void showProblems() {
        int count = problems.count();
        problemList.removeAll();
        problems.general().forEach(p -> problemList.add(new ListItem(p)));
        problems.byNode().forEach((id, list) -> {
            NodeDef n = GraphEdits.find(editor.current(), id);
            String who = n == null ? id : n.title();
            list.forEach(p -> problemList.add(new ListItem(who + ": " + p)));
        });
        if (count == 0) {
            problemList.add(new ListItem("No problems: the draft can run and be published."));
        }
        problemsButton.setText(count == 0 ? "No problems" : count + (count == 1 ? " problem" : " problems"));
        problemsButton.setIcon(count == 0 ? VaadinIcon.CHECK_CIRCLE_O.create() : VaadinIcon.EXCLAMATION_CIRCLE_O.create());
        problemsButton.getStyle().set("color", count == 0 ? "var(--lumo-success-text-color)" : "var(--lumo-error-text-color)");
    }

    // ---- side panel ----

    private void showNode(String id) {
        NodeDef node = id == null ? null : GraphEdits.find(editor.current(), id);
        if (node == null || "iteration-start".equals(node.nodeType()) || "custom-note".equals(node.type())) {
            if (panel != null) {
                closeSide();
            }
            return;
        }
        if (panel != null && panel.nodeId().equals(id)) {
            return;
        }
        openPanel(node);
    }

    private void openPanel(NodeDef node) {
        AppDefinition def = editor.current();
        List<GraphInspector.Variable> inner = new ArrayList<>();
        for (NodeDef child : def.graph().nodes()) {
            if (node.id().equals(child.containerId())) {
                inspector.outputNames(child).forEach(o -> inner.add(new GraphInspector.Variable(List.of(child.id(), o), child.title())));
            }
        }
        PanelContext ctx = new PanelContext(app.getMode(), inspector.variablesFor(def, node.id()), inspector.outputNames(node), inner,
                providers.list(account.getWorkspaceId()).stream()
                        .map(p -> new PanelContext.Choice(p.name(), p.name() + " (" + p.providerType() + ")", p.defaultModel())).toList(),
                datasets.listVisible(account).stream().map(d -> new PanelContext.Choice(d.getId(), d.getName(), null)).toList(),
                data -> {
                    if (editor.updateData(node.id(), data)) {
                        afterChange(List.of());
                    }
                });
        panel = NodePanels.create(node.id(), node.data(), ctx);
        runPanel = null;
        H4 heading = new H4(catalog.label(node.nodeType()));
        heading.getStyle().set("margin", "0");
        showSide(heading, panel);
        if (trials.supports(node)) {
            Button trial = new Button("Run this node", VaadinIcon.PLAY_CIRCLE_O.create(), e -> {
                NodeDef current = GraphEdits.find(editor.current(), node.id());
                if (current != null) {
                    new NodeTrialDialog(app.getId(), editor.current(), current, trials, this::saveNow).open();
                }
            });
            trial.addThemeVariants(ButtonVariant.LUMO_SMALL);
            trial.addClassName("weft-run-node");
            side.addComponentAtIndex(1, trial);
        }
    }

    private void reopenPanel() {
        if (panel == null) {
            return;
        }
        NodeDef node = GraphEdits.find(editor.current(), panel.nodeId());
        panel = null;
        if (node == null) {
            closeSide();
        } else {
            openPanel(node);
        }
    }

    private void toggleRunPanel() {
        if (runPanel != null) {
            closeSide();
            return;
        }
        panel = null;
        runPanel = new RunPanel(app, editor.current(), runs, account.getId());
        runPanel.setBeforeRun(this::saveNow);
        runPanel.stackTrace();
        H4 heading = new H4(app.getMode().isChat() ? "Preview" : "Test run");
        heading.getStyle().set("margin", "0");
        showSide(heading, runPanel);
        runPanel.focusInput();
    }

    private void showSide(H4 heading, com.vaadin.flow.component.Component content) {
        Button close = new Button(VaadinIcon.CLOSE_SMALL.create(), e -> closeSide());
        close.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        close.setAriaLabel("Close panel");
        HorizontalLayout head = new HorizontalLayout(heading, close);
        head.setWidthFull();
        head.setAlignItems(FlexComponent.Alignment.CENTER);
        head.setJustifyContentMode(FlexComponent.JustifyContentMode.BETWEEN);
        side.removeAll();
        side.add(head, content);
        side.setVisible(true);
    }

    private void closeSide() {
        side.removeAll();
        side.setVisible(false);
        panel = null;
        runPanel = null;
    }

    // ---- saving, publishing, versions ----

    private void scheduleSave() {
        if (editor.revision() == savedRevision) {
            return;
        }
        showSaved("Unsaved changes");
        if (pendingSave != null) {
            pendingSave.cancel(false);
        }
        UI ui = UI.getCurrent();
        pendingSave = scheduler.schedule(() -> ui.access(this::saveQuietly), AUTOSAVE_DELAY);
    }

    private void saveQuietly() {
        try {
            saveNow();
        } catch (RuntimeException e) {
            showSaved("Not saved: " + e.getMessage());
            saveState.getStyle().set("color", "var(--lumo-error-text-color)");
        }
    }

    /** Saves the draft now if it changed since the last save. */
    void saveNow() {
        if (pendingSave != null) {
            pendingSave.cancel(false);
            pendingSave = null;
        }
        if (editor == null || editor.revision() == savedRevision) {
            return;
        }
        int revision = editor.revision();
        apps.saveDraft(app.getId(), editor.current(), account.getId());
        savedRevision = revision;
        showSaved("Saved at " + LocalTime.now().format(TIME));
    }

    private void showSaved(String text) {
        saveState.setText(text);
        saveState.getStyle().set("color", "var(--lumo-secondary-text-color)");
    }

    private void publish() {
        try {
            saveNow();
        } catch (RuntimeException e) {
            error("Could not save the draft: " + e.getMessage());
            return;
        }
        if (problems.count() > 0) {
            error("Fix the " + problems.count() + (problems.count() == 1 ? " problem" : " problems")
                    + " first: they are marked on the nodes and listed under the problems button.");
            return;
        }
        new PublishDialog((name, notes) -> {
            AppVersion v = apps.publish(app.getId(), name, notes, account.getId());
            Notification.show("Published version " + v.getVersion() + ". API calls and shared apps now use it.", 4000,
                    Notification.Position.BOTTOM_START).addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        }).open();
    }

    private void openVersions() {
        new VersionsDialog(apps.versions(app.getId()), number -> {
            saveNow();
            AppDefinition restored = apps.definitionOf(apps.version(app.getId(), number));
            if (editor.replace(restored, null)) {
                afterChange(List.of());
                reopenPanel();
            }
            saveNow();
            Notification.show("The draft is now version " + number + ". Undo (Ctrl+Z) brings back what you had.", 4000,
                    Notification.Position.BOTTOM_START);
        }).open();
    }

    private static void error(String message) {
        Notification.show(message, 5000, Notification.Position.MIDDLE).addThemeVariants(NotificationVariant.LUMO_ERROR);
    }

    private static String modeLabel(AppMode mode) {
        return switch (mode) {
            case CHAT -> "Chatbot";
            case ADVANCED_CHAT -> "Chatflow";
            case WORKFLOW -> "Workflow";
            case COMPLETION -> "Text generator";
        };
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        super.onAttach(attachEvent);
    }

    /** Leaving the page saves what is not saved yet. */
    @Override
    protected void onDetach(DetachEvent detachEvent) {
        try {
            saveNow();
        } catch (RuntimeException e) {
            // the session is going away; the next visit shows the last saved draft
        }
        super.onDetach(detachEvent);
    }

    DraftEditor editor() {
        return editor;
    }
}
