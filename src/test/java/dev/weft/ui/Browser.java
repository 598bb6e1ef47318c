package dev.weft.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * Headless Chromium for browser tests, driven by Playwright with the system's Chromium (Playwright never
 * downloads a browser here), and what every browser test does with it: sign in, wait until Vaadin is idle, find
 * a button by its name, save a screenshot. Tests are skipped when no Chromium is installed.
 */
public final class Browser implements AutoCloseable {

    private static final List<Path> CHROMIUM = List.of(Path.of("/usr/bin/chromium"), Path.of("/usr/bin/chromium-browser"));
    private static final List<String> FLAGS = List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage");

    private final Playwright playwright;
    private final com.microsoft.playwright.Browser browser;

    private Browser(Path executable) {
        this.playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        this.browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(executable).setHeadless(true).setArgs(FLAGS));
    }

    /** Starts Chromium, or skips the calling test when none is installed. */
    public static Browser launch() {
        Path executable = CHROMIUM.stream().filter(Files::isExecutable).findFirst().orElse(null);
        Assumptions.assumeTrue(executable != null, "Chromium is not installed (apt-get install chromium); browser tests skipped");
        return new Browser(executable);
    }

    public Page newPage() {
        Page page = browser.newPage(new com.microsoft.playwright.Browser.NewPageOptions().setViewportSize(1400, 900));
        page.setDefaultTimeout(20_000);
        return page;
    }

    /** Signs in on {@code base}'s login page and waits for the app list ({@code base}: "http://127.0.0.1:port"). */
    public static void signIn(Page page, String base, String email, String password) {
        page.navigate(base + "/login");
        settle(page);
        page.getByLabel("Email").fill(email);
        page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(password);
        button(page, "Sign in").click();
        page.waitForURL(Pattern.compile(Pattern.quote(base) + "/$"));
        settle(page);
    }

    /** Waits until no Vaadin request is in flight and no overlay is opening or closing. */
    public static void settle(Page page) {
        page.waitForFunction("() => window.Vaadin && window.Vaadin.Flow && window.Vaadin.Flow.clients"
                + " && Object.values(window.Vaadin.Flow.clients).every(c => !c.isActive || !c.isActive())");
        assertThat(page.locator("[opening], [closing]")).hasCount(0);
    }

    /** The button with exactly this accessible name. */
    public static Locator button(Page page, String name) {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    /** Saves a full-page screenshot under target/screenshots/. */
    public static Path screenshot(Page page, String name) {
        Path file = Path.of("target", "screenshots", name + ".png");
        page.screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(true));
        return file;
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
