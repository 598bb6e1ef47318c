package dev.weft.ui.designer;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.router.RouteParameters;
import dev.weft.app.App;
import dev.weft.ui.studio.AppRowAction;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** The app list's "Design" button: opens the app in the designer. */
@Component
@Order(-1)
class DesignAppAction implements AppRowAction {

    @Override
    public String label() {
        return "Design";
    }

    @Override
    public void perform(App app) {
        UI.getCurrent().navigate(DesignerView.class, new RouteParameters("appId", app.getId()));
    }
}
