package dev.weft.ui;

import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.menubar.MenuBar;
import com.vaadin.flow.component.menubar.MenuBarVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.Layout;
import com.vaadin.flow.spring.security.AuthenticationContext;
import dev.weft.security.Account;
import dev.weft.security.AccountService;
import dev.weft.ui.knowledge.DatasetListView;
import dev.weft.ui.settings.GatewaySettingsView;
import dev.weft.ui.settings.ModelProvidersView;
import dev.weft.ui.studio.AppListView;
import jakarta.annotation.security.PermitAll;

/**
 * The console frame around every signed-in view: the title bar with the user menu (log out) and the side
 * navigation. Views get it automatically ({@link Layout}); login and setup opt out with {@code autoLayout = false}.
 */
@Layout
@PermitAll
public class MainLayout extends AppLayout {

    public MainLayout(AuthenticationContext authentication, AccountService accounts) {
        H1 title = new H1("Weft");
        title.getStyle().set("font-size", "var(--lumo-font-size-l)").set("margin", "0");

        String who = accounts.currentAccount().map(Account::getDisplayName)
                .orElseGet(() -> authentication.getPrincipalName().orElse("Account"));
        MenuBar userMenu = new MenuBar();
        userMenu.addThemeVariants(MenuBarVariant.LUMO_TERTIARY_INLINE);
        userMenu.getElement().setAttribute("aria-label", "User menu");
        var user = userMenu.addItem(new Span(who));
        user.getSubMenu().addItem("Log out", e -> authentication.logout());

        HorizontalLayout bar = new HorizontalLayout(title, userMenu);
        bar.setWidthFull();
        bar.setAlignItems(FlexComponent.Alignment.CENTER);
        bar.expand(title);
        bar.getStyle().set("padding-right", "var(--lumo-space-m)");
        addToNavbar(new DrawerToggle(), bar);

        SideNav nav = new SideNav();
        nav.addItem(new SideNavItem("Apps", AppListView.class, VaadinIcon.GRID_BIG.create()));
        nav.addItem(new SideNavItem("Knowledge", DatasetListView.class, VaadinIcon.BOOK.create()));
        nav.addItem(new SideNavItem("Model providers", ModelProvidersView.class, VaadinIcon.CONNECT.create()));
        nav.addItem(new SideNavItem("Gateway", GatewaySettingsView.class, VaadinIcon.DASHBOARD.create()));
        addToDrawer(nav);
    }
}
