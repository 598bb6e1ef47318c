package dev.weft.api.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.weft.app.definition.AppMode;
import dev.weft.model.openai.FakeOpenAiServer.Reply;
import dev.weft.publish.site.AppSiteService;
import dev.weft.ui.Browser;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The public pages in headless Chromium: the chat page of an app with inputs (its form before the conversation, then
 * renaming and deleting conversations). Screenshots go to target/screenshots/.
 */
class WebAppPagesBrowserTest extends ServiceApiTestBase {

    private static final String MODEL = "\"model\":{\"provider\":\"langgenius/openai/fake-publish\",\"name\":\"gpt-fake\",\"mode\":\"chat\",\"completion_params\":{}}";

    @Autowired AppSiteService sites;

    @Test
    void aChatAsksForItsInputsFirstAndItsConversationsAreRenamedAndDeleted() {
        String definition = """
                {"mode":"chat","features":{"opening_statement":"Hi! Which shoes?"},"graph":{"nodes":[
                  {"id":"start","data":{"type":"start","title":"Start","variables":[
                    {"variable":"topic","label":"Topic","type":"text-input","required":true},
                    {"variable":"size","label":"Shoe size","type":"select","required":false,"options":["40","42","44"]}]}},
                  {"id":"llm","data":{"type":"llm","title":"LLM",MODEL,
                    "prompt_template":[{"role":"system","text":"Topic: {{#start.topic#}}, size {{#start.size#}}."},{"role":"user","text":"{{#sys.query#}}"}]}},
                  {"id":"answer","data":{"type":"answer","title":"Answer","answer":"{{#llm.text#}}"}}],
                 "edges":[{"source":"start","target":"llm"},{"source":"llm","target":"answer"}]}}
                """.replace("MODEL", MODEL);
        String token = token(publishedApp(AppMode.CHAT, definition));
        String handedIn = Base64.getEncoder().encodeToString("{\"topic\":\"boots\"}".getBytes(StandardCharsets.UTF_8));
        try (Browser browser = Browser.launch()) {
            Page page = browser.newPage();
            page.navigate(url("/chat/" + token + "?inputs=" + handedIn));
            page.locator("#weft-chat[data-ready=true]").waitFor();
            assertThat(page.locator(".inputs-panel").isVisible()).isTrue();
            assertThat(page.getByLabel("Topic").inputValue()).as("the URL's inputs fill the form").isEqualTo("boots");
            Browser.screenshot(page, "webapp-chat-inputs");

            page.getByLabel("Topic").fill("");
            ask(page, "Which size?");
            assertThat(page.locator(".field[data-variable=topic] .field-error").textContent()).isEqualTo("Topic is required.");
            assertThat(page.locator(".bubble.user").count()).isZero();

            page.getByLabel("Topic").fill("sandals");
            page.getByLabel("Shoe size").selectOption("42");
            FAKE.enqueue(Reply.stream(List.of("Take ", "**42**."), Duration.ofMillis(20)));
            ask(page, "Which size?");
            page.locator(".bubble.assistant .feedback").waitFor();
            assertThat(page.locator(".inputs-panel").isHidden()).as("the form goes once the conversation starts").isTrue();
            assertThat(FAKE.lastRequest().messages().getFirst().getValue()).isEqualTo("Topic: sandals, size 42.");
            Locator rows = page.locator(".conversations .conversation");
            page.locator(".conversations .conversation-name").getByText("Which size?").waitFor();

            rows.filter(new Locator.FilterOptions().setHasText("Which size?")).hover();
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Rename Which size?")).click();
            page.getByLabel("New name").fill("Sandals <b>chat</b>");
            Browser.screenshot(page, "webapp-chat-rename");
            page.getByLabel("New name").press("Enter");
            page.locator(".conversations .conversation-name").getByText("Sandals <b>chat</b>").waitFor();
            assertThat(page.locator(".conversations b").count()).as("a name is text").isZero();

            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("New chat")).click();
            assertThat(page.locator(".inputs-panel").isVisible()).as("a new conversation asks again").isTrue();
            assertThat(page.getByLabel("Topic").inputValue()).isEqualTo("sandals");
            FAKE.enqueue(Reply.stream(List.of("Sure."), Duration.ZERO));
            ask(page, "Second question");
            page.locator(".conversations .conversation-name").getByText("Second question").waitFor();
            assertThat(rows.count()).isEqualTo(2);

            rows.filter(new Locator.FilterOptions().setHasText("Sandals")).hover();
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Delete Sandals <b>chat</b>")).click();
            assertThat(page.locator(".conversation.confirming .confirm-text").textContent()).isEqualTo("Delete “Sandals <b>chat</b>”?");
            Browser.screenshot(page, "webapp-chat-delete");
            page.locator(".conversation.confirming").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Delete")).click();
            page.waitForCondition(() -> rows.count() == 1);
            assertThat(page.locator(".conversations .conversation-name").allTextContents()).containsExactly("Second question");
            page.reload();
            page.locator("#weft-chat[data-ready=true]").waitFor();
            page.locator(".conversations .conversation-name").first().waitFor();
            assertThat(page.locator(".conversations .conversation-name").allTextContents()).containsExactly("Second question");

            page.setViewportSize(390, 844);
            page.waitForTimeout(200);
            assertThat(page.evaluate("() => document.documentElement.scrollWidth <= 390")).as("nothing wider than the phone").isEqualTo(true);
            Browser.screenshot(page, "webapp-chat-mobile");
        }
    }

    @Test
    void theChatPagesScriptsAreServedUnderAStrictPolicy() {
        String chat = token(publishedApp(AppMode.CHAT));
        Response page = get(null, "/chat/" + chat);
        assertThat(page.body()).contains("/webapp/markdown.js").contains("/webapp/chat.js");
        assertThat(page.header("Content-Security-Policy")).contains("script-src 'self';");
        for (String asset : List.of("markdown.js", "client.js", "inputs.js", "chat.js")) {
            assertThat(get(null, "/webapp/" + asset).header("Content-Type")).startsWith("text/javascript");
        }
        assertThat(get(null, "/webapp/chat.css").header("Content-Type")).startsWith("text/css");
        assertThat(get(null, "/webapp/secret.js").status()).isEqualTo(404);
    }

    private String token(String appId) {
        return sites.site(appId).getToken();
    }

    private static void ask(Page page, String question) {
        page.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("Message")).fill(question);
        page.locator(".send").click();
    }
}
