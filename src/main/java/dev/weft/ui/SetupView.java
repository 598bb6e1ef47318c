package dev.weft.ui;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import dev.weft.security.AccountService;
import dev.weft.security.SecurityConfig;

/** First-run setup: creates the workspace and its owner account. Only usable while no account exists. */
@Route(value = SecurityConfig.SETUP_PATH, autoLayout = false)
@PageTitle("Set up · Weft")
@AnonymousAllowed
public class SetupView extends VerticalLayout implements BeforeEnterObserver {

    private final AccountService accounts;

    public SetupView(AccountService accounts) {
        this.accounts = accounts;
        setSizeFull();
        setAlignItems(FlexComponent.Alignment.CENTER);

        TextField workspace = new TextField("Workspace name");
        workspace.setValue("My workspace");
        workspace.setRequired(true);
        TextField name = new TextField("Your name");
        name.setRequired(true);
        EmailField email = new EmailField("Email");
        email.setRequired(true);
        PasswordField password = new PasswordField("Password");
        password.setRequired(true);
        password.setHelperText("At least 8 characters");
        PasswordField repeat = new PasswordField("Repeat password");
        repeat.setRequired(true);

        Button create = new Button("Create owner account", e -> {
            if (!password.getValue().equals(repeat.getValue())) {
                repeat.setInvalid(true);
                repeat.setErrorMessage("The passwords differ");
                return;
            }
            try {
                accounts.createOwner(workspace.getValue(), email.getValue(), name.getValue(), password.getValue());
                getUI().ifPresent(ui -> ui.getPage().setLocation(SecurityConfig.LOGIN_PATH));
            } catch (IllegalArgumentException | IllegalStateException ex) {
                Notification.show(ex.getMessage(), 5000, Notification.Position.MIDDLE)
                        .addThemeVariants(NotificationVariant.LUMO_ERROR);
            }
        });
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.addClickShortcut(Key.ENTER);

        FormLayout form = new FormLayout(workspace, name, email, password, repeat);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1));
        create.setWidthFull();

        // one centred column: heading, form and button share the same width and left edge
        VerticalLayout column = new VerticalLayout(new H1("Welcome to Weft"),
                new Paragraph("Create the owner account to start. You sign in with this email and password."),
                form, create);
        column.setPadding(false);
        column.setWidth("100%");
        column.setMaxWidth("26rem");
        column.getStyle().set("margin-top", "var(--lumo-space-xl)");
        add(column);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (accounts.hasAccounts()) {
            event.forwardTo(LoginView.class);
        }
    }
}
