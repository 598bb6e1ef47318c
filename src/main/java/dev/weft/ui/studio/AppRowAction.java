package dev.weft.ui.studio;

import dev.weft.app.App;

/**
 * An extra per-app button in the app list, such as "Run" (opening a run dialog) or "Edit" (opening the
 * editor). Declare implementations as Spring beans; {@link AppListView} shows one button per bean, in
 * {@link org.springframework.core.annotation.Order} order.
 */
public interface AppRowAction {

    /** The button text, e.g. "Run". */
    String label();

    /** Called on the UI thread when the button of {@code app}'s row is clicked. */
    void perform(App app);
}
