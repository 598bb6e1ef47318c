package dev.weft.ui.designer;

import static dev.weft.ui.Browser.settle;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Mouse;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.BoundingBox;

/** What browser tests do on the designer's canvas: find a node by its title, drag a connection between handles. */
public final class CanvasDriver {

    private CanvasDriver() {}

    /** The canvas node with this title. */
    public static Locator node(Page page, String title) {
        return page.locator(".react-flow__node:has(.weft-node[data-title='" + title + "'])");
    }

    /** The source handle {@code handleId} of a node (a branch: "true", "false", a class id; plain nodes: "source"). */
    public static Locator sourceHandle(Locator node, String handleId) {
        return node.locator(".react-flow__handle.source[data-handleid='" + handleId + "']");
    }

    /** Drags from the first source handle on the right of {@code from} to the target handle on the left of {@code to}. */
    public static void connect(Page page, Locator from, Locator to) {
        connectHandle(page, from.locator(".react-flow__handle.source").first(), to);
    }

    /** Drags from the source handle {@code handle} to the target handle on the left of {@code to}. */
    public static void connectHandle(Page page, Locator handle, Locator to) {
        BoundingBox a = handle.boundingBox();
        BoundingBox b = to.locator(".react-flow__handle.target").first().boundingBox();
        page.mouse().move(a.x + a.width / 2, a.y + a.height / 2);
        page.mouse().down();
        page.mouse().move((a.x + b.x) / 2, (a.y + b.y) / 2, new Mouse.MoveOptions().setSteps(5));
        page.mouse().move(b.x + b.width / 2, b.y + b.height / 2, new Mouse.MoveOptions().setSteps(5));
        page.mouse().up();
        settle(page);
    }
}
