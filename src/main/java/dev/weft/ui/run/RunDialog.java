package dev.weft.ui.run;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import dev.weft.app.App;
import dev.weft.app.definition.AppDefinition;
import dev.weft.run.AppRunService;

/** The app list's run dialog: a {@link RunPanel} on the app's draft. */
final class RunDialog extends Dialog {

    RunDialog(App app, AppDefinition draft, AppRunService runs, String accountId) {
        setHeaderTitle("Run " + app.getName());
        setWidth("960px");
        setMaxWidth("100%");
        setHeight("85vh");
        setResizable(true);
        add(new RunPanel(app, draft, runs, accountId));
        getFooter().add(new Button("Close", e -> close()));
    }
}
