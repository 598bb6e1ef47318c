package dev.weft.ui;

import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import dev.weft.security.AccountService;
import dev.weft.security.SecurityConfig;

/** The sign-in page; goes to setup while no account exists. */
@Route(value = SecurityConfig.LOGIN_PATH, autoLayout = false)
@PageTitle("Sign in · Weft")
@AnonymousAllowed
public class LoginView extends VerticalLayout implements BeforeEnterObserver {

    private final AccountService accounts;
    private final LoginForm form = new LoginForm();

    public LoginView(AccountService accounts) {
        this.accounts = accounts;
        setSizeFull();
        setAlignItems(FlexComponent.Alignment.CENTER);
        setJustifyContentMode(FlexComponent.JustifyContentMode.CENTER);
        form.setAction(SecurityConfig.LOGIN_PATH);
        form.setForgotPasswordButtonVisible(false);
        form.setI18n(i18n());
        add(new H1("Weft"), form);
    }

    /** Accounts sign in with their email, so the form says so. */
    private static LoginI18n i18n() {
        LoginI18n i18n = LoginI18n.createDefault();
        i18n.getForm().setTitle("Sign in");
        i18n.getForm().setUsername("Email");
        i18n.getForm().setSubmit("Sign in");
        i18n.getErrorMessage().setTitle("Incorrect email or password");
        i18n.getErrorMessage().setMessage("Check the email and password you entered and try again.");
        return i18n;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (!accounts.hasAccounts()) {
            event.forwardTo(SetupView.class);
            return;
        }
        form.setError(event.getLocation().getQueryParameters().getParameters().containsKey("error"));
    }
}
