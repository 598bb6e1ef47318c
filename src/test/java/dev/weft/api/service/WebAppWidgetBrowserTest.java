package dev.weft.api.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.FrameLocator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.sun.net.httpserver.HttpServer;
import dev.weft.app.definition.AppMode;
import dev.weft.model.openai.FakeOpenAiServer.Reply;
import dev.weft.publish.site.AppSiteService;
import dev.weft.ui.Browser;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A page served from another origin embeds the chat bubble; the bubble opens the app's chat page in a frame,
 * a message gets its streamed answer, and an answer holding HTML is shown as text: no element is made from it
 * and no script of it runs.
 */
class WebAppWidgetBrowserTest extends ServiceApiTestBase {

    @Autowired AppSiteService sites;

    @Test
    void aForeignPageEmbedsTheBubbleAndChatsSafely() throws Exception {
        String appId = publishedApp(AppMode.ADVANCED_CHAT);
        String token = sites.site(appId).getToken();
        String weft = "http://127.0.0.1:" + port;
        String host = """
                <!doctype html><html><head><title>Shop</title></head><body><h1>Our shop</h1>
                <script>window.received = []; addEventListener('message', e => window.received.push(String(e.data)));</script>
                <script>window.weftChatbotConfig = { token: '%s', baseUrl: '%s', inputs: { topic: 'shoes' } };</script>
                <script src="%s/embed.min.js" defer></script></body></html>
                """.formatted(token, weft, weft);
        HttpServer shop = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        shop.createContext("/", exchange -> {
            byte[] body = host.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        shop.start();
        try (Browser browser = Browser.launch()) {
            Page page = browser.newPage();
            page.navigate("http://127.0.0.1:" + shop.getAddress().getPort() + "/");
            page.locator("#dify-chatbot-bubble-button").click();
            assertThat(page.locator("#dify-chatbot-bubble-window").isVisible()).isTrue();
            FrameLocator chat = page.frameLocator("#dify-chatbot-bubble-window");
            chat.locator("#weft-chat[data-ready=true]").waitFor();
            assertThat(chat.locator(".bubble.assistant").first().textContent()).isEqualTo("Hello, ask me anything.");

            FAKE.enqueue(Reply.stream(List.of("**Size", " 42**", " fits", " well."), Duration.ofMillis(20)));
            chat.getByRole(AriaRole.TEXTBOX, new FrameLocator.GetByRoleOptions().setName("Message")).fill("Which size?");
            chat.locator(".send").click();
            chat.locator(".bubble.assistant strong").waitFor();
            chat.locator(".feedback").waitFor();
            assertThat(chat.locator(".bubble.assistant").last().textContent()).startsWith("Size 42 fits well.");
            assertThat(FAKE.lastRequest().messages().getLast().getValue()).isEqualTo("Which size?");

            String attack = "<img src=x onerror=\"window.parent.postMessage('xss','*');document.title='pwned'\"> and <script>document.title='pwned'</script>";
            FAKE.enqueue(Reply.stream(List.of(attack), Duration.ZERO));
            chat.getByRole(AriaRole.TEXTBOX, new FrameLocator.GetByRoleOptions().setName("Message")).fill("Show me HTML");
            chat.locator(".send").click();
            chat.locator(".feedback").nth(1).waitFor();
            String shown = chat.locator(".bubble.assistant").last().textContent();
            assertThat(shown).contains("<img src=x onerror=").contains("<script>");
            assertThat(chat.locator(".bubble img").count()).isZero();
            assertThat(chat.locator(".bubble script").count()).isZero();
            page.waitForTimeout(300);
            assertThat(page.title()).isEqualTo("Shop");
            com.microsoft.playwright.Frame frame = page.frames().stream().filter(f -> f.url().contains("/chatbot/")).findFirst().orElseThrow();
            assertThat(frame.title()).as("no script of the answer ran in the chat").doesNotContain("pwned");
            assertThat(page.evaluate("window.received.length")).isEqualTo(0);
            Path shot = Browser.screenshot(page, "widget-chat");
            assertThat(shot).exists();

            chat.getByRole(AriaRole.BUTTON, new FrameLocator.GetByRoleOptions().setName("Like")).first().click();
            chat.locator(".feedback button[aria-pressed=true]").waitFor();
        } finally {
            shop.stop(0);
        }
    }

    @Test
    void aSwitchedOffOrUnknownSiteAnswers404() {
        String appId = publishedApp(AppMode.CHAT);
        String token = sites.site(appId).getToken();
        assertThat(get(null, "/chat/" + token).status()).isEqualTo(200);
        assertThat(get(null, "/chat/" + token).header("Content-Security-Policy")).contains("script-src 'self'");
        sites.enable(appId, false);
        assertThat(get(null, "/chat/" + token).status()).isEqualTo(404);
        assertThat(get(null, "/webapp/" + token + "/parameters").status()).isEqualTo(404);
        sites.enable(appId, true);
        String old = token;
        String fresh = sites.regenerate(appId).getToken();
        assertThat(get(null, "/chat/" + old).status()).isEqualTo(404);
        assertThat(get(null, "/chat/" + fresh).status()).isEqualTo(200);
        assertThat(get(null, "/embed.min.js").header("Content-Type")).startsWith("text/javascript");
    }
}
