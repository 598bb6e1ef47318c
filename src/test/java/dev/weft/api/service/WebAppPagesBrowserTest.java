package dev.weft.api.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.weft.app.App;
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
 * The public pages in headless Chromium: the form page of a text generator and of a workflow (fill the app's inputs,
 * run, watch the result stream in; required fields checked first; an answer holding HTML shown as text with no
 * script run; the server's refusal shown), and the chat page of an app with inputs (its form before the
 * conversation, then renaming and deleting conversations). Screenshots go to target/screenshots/.
 */
class WebAppPagesBrowserTest extends ServiceApiTestBase {

    private static final String MODEL = "\"model\":{\"provider\":\"langgenius/openai/fake-publish\",\"name\":\"gpt-fake\",\"mode\":\"chat\",\"completion_params\":{}}";

    private static final String POEM_INPUTS = """
            [{"variable":"topic","label":"Topic","type":"text-input","required":true,"max_length":40},
             {"variable":"tone","label":"Tone","type":"select","required":true,"options":["friendly","formal"],"default":"friendly"},
             {"variable":"lines","label":"Number of lines","type":"number","required":false},
             {"variable":"rhyme","label":"Make it rhyme","type":"checkbox","required":false},
             {"variable":"notes","label":"Notes","type":"paragraph","required":false}]""";

    private static final String POEM_PROMPT = "topic={{#start.topic#}} tone={{#start.tone#}} lines={{#start.lines#}} rhyme={{#start.rhyme#}} notes={{#start.notes#}}";

    @Autowired AppSiteService sites;

    @Test
    void aTextGeneratorsFormRunsStreamsSafelyAndTakesFeedback() {
        String definition = """
                {"mode":"completion","graph":{"nodes":[
                  {"id":"start","data":{"type":"start","title":"Start","variables":INPUTS}},
                  {"id":"llm","data":{"type":"llm","title":"LLM",MODEL,
                    "prompt_template":[{"role":"system","text":"Write a poem."},{"role":"user","text":"PROMPT"}]}},
                  {"id":"answer","data":{"type":"answer","title":"Answer","answer":"{{#llm.text#}}"}}],
                 "edges":[{"source":"start","target":"llm"},{"source":"llm","target":"answer"}]}}
                """.replace("INPUTS", POEM_INPUTS).replace("MODEL", MODEL).replace("PROMPT", POEM_PROMPT);
        String appId = publishedApp(AppMode.COMPLETION, definition);
        try (Browser browser = Browser.launch()) {
            Page page = browser.newPage();
            page.navigate(url("/completion/" + token(appId)));
            page.locator("#weft-form[data-ready=true]").waitFor();
            assertThat(page.getByLabel("Tone").inputValue()).as("the default is chosen").isEqualTo("friendly");
            assertThat(page.locator(".field[data-variable=lines] .optional").textContent()).isEqualTo("Optional");
            Browser.screenshot(page, "webapp-completion-empty");

            int calls = FAKE.callCount();
            run(page);
            assertThat(page.locator(".field[data-variable=topic] .field-error").textContent()).isEqualTo("Topic is required.");
            assertThat(page.getByLabel("Topic").getAttribute("aria-invalid")).isEqualTo("true");
            assertThat(FAKE.callCount()).as("nothing is sent while a required field is empty").isEqualTo(calls);

            page.getByLabel("Topic").fill("autumn");
            page.getByLabel("Tone").selectOption("formal");
            page.getByLabel("Number of lines").fill("4");
            page.getByLabel("Make it rhyme").check();
            page.getByLabel("Notes").fill("Mention leaves.");
            FAKE.enqueue(Reply.stream(List.of("**Leaves**", " fall,\n\n", "- gold\n- red"), Duration.ofMillis(30)));
            run(page);
            page.locator("#weft-form[data-state=done]").waitFor();
            assertThat(page.locator(".result strong").textContent()).isEqualTo("Leaves");
            assertThat(page.locator(".result li").allTextContents()).containsExactly("gold", "red");
            assertThat(FAKE.lastRequest().messages().getLast().getValue())
                    .isEqualTo("topic=autumn tone=formal lines=4 rhyme=true notes=Mention leaves.");
            assertThat(page.locator(".field-error:visible").count()).isZero();
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Like").setExact(true)).click();
            page.locator(".feedback button[aria-pressed=true]").waitFor();
            Browser.screenshot(page, "webapp-completion-result");

            String attack = "<img src=x onerror=\"window.pwned=1;document.title='pwned'\"> <script>window.pwned=2</script> done";
            FAKE.enqueue(Reply.stream(List.of(attack), Duration.ZERO));
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Run again")).click();
            page.locator(".result").getByText("done").waitFor();
            page.locator("#weft-form[data-state=done]").waitFor();
            assertThat(page.locator(".result").textContent()).contains("<img src=x onerror=").contains("<script>");
            assertThat(page.locator(".result img, .result script").count()).isZero();
            page.waitForTimeout(300);
            assertThat(page.evaluate("() => window.pwned === undefined")).as("no script of the answer ran").isEqualTo(true);
            assertThat(page.title()).isEqualTo(apps.find(appId).map(App::getName).orElseThrow());

            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Clear")).click();
            assertThat(page.getByLabel("Topic").inputValue()).isEmpty();
            assertThat(page.getByLabel("Tone").inputValue()).isEqualTo("friendly");
            assertThat(page.locator(".result").isHidden()).isTrue();
            assertThat(page.locator(".result-empty").isVisible()).isTrue();

            page.setViewportSize(390, 844);
            page.getByLabel("Topic").fill("winter");
            FAKE.enqueue(Reply.stream(List.of("Snow ", "**falls** softly on the quiet town."), Duration.ZERO));
            run(page);
            page.locator(".result strong").waitFor();
            page.locator("#weft-form[data-state=done]").waitFor();
            assertThat(page.evaluate("() => document.documentElement.scrollWidth <= 390")).as("nothing wider than the phone").isEqualTo(true);
            Browser.screenshot(page, "webapp-completion-mobile");
        }
    }

    @Test
    void aWorkflowsFormShowsItsStepsAndOutputsAndItsFailures() {
        String definition = """
                {"mode":"workflow","graph":{"nodes":[
                  {"id":"start","data":{"type":"start","title":"Start","variables":INPUTS}},
                  {"id":"llm","data":{"type":"llm","title":"Write poem",MODEL,
                    "prompt_template":[{"role":"system","text":"Write a poem."},{"role":"user","text":"PROMPT"}]}},
                  {"id":"end","data":{"type":"end","title":"Output","outputs":[
                    {"variable":"poem","value_selector":["llm","text"]},{"variable":"lines","value_selector":["start","lines"]},
                    {"variable":"settings","value_selector":["start","tone"]}]}}],
                 "edges":[{"source":"start","target":"llm"},{"source":"llm","target":"end"}]}}
                """.replace("INPUTS", POEM_INPUTS).replace("MODEL", MODEL).replace("PROMPT", POEM_PROMPT);
        String appId = publishedApp(AppMode.WORKFLOW, definition);
        try (Browser browser = Browser.launch()) {
            Page page = browser.newPage();
            page.navigate(url("/workflow/" + token(appId)));
            page.locator("#weft-form[data-ready=true]").waitFor();
            page.getByLabel("Topic").fill("rivers");
            page.getByLabel("Number of lines").fill("3");
            FAKE.enqueue(Reply.stream(List.of("Water *runs*", " to the sea."), Duration.ofMillis(30)));
            run(page);
            page.locator("#weft-form[data-state=done]").waitFor();
            Locator steps = page.locator(".steps li");
            assertThat(steps.locator(".step-title").allTextContents()).containsExactly("Start", "Write poem", "Output");
            assertThat(steps.evaluateAll("items => items.map(i => i.dataset.status)")).isEqualTo(List.of("succeeded", "succeeded", "succeeded"));
            assertThat(page.locator(".output-name").allTextContents()).containsExactlyInAnyOrder("poem", "lines", "settings");
            assertThat(output(page, "poem").locator(".markdown em").textContent()).isEqualTo("runs");
            assertThat(output(page, "lines").locator("pre.json").textContent()).isEqualTo("3");
            assertThat(output(page, "settings").locator(".markdown").textContent()).isEqualTo("friendly");
            Browser.screenshot(page, "webapp-workflow-result");

            FAKE.enqueue(Reply.error(400, "The model refused the prompt."));
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Run again")).click();
            page.locator(".error-box").waitFor();
            assertThat(page.locator(".error-box").textContent()).contains("The model refused the prompt.");
            assertThat(page.locator(".steps li[data-status=failed] .step-title").allTextContents()).containsExactly("Write poem");
            Browser.screenshot(page, "webapp-workflow-failed");

            page.setViewportSize(390, 844);
            FAKE.enqueue(Reply.stream(List.of("Water runs to the sea."), Duration.ZERO));
            run(page);
            page.locator(".output").first().waitFor();
            assertThat(page.evaluate("() => document.documentElement.scrollWidth <= 390")).as("nothing wider than the phone").isEqualTo(true);
            Browser.screenshot(page, "webapp-workflow-mobile");
        }
    }

    @Test
    void theServersRefusalIsShown() {
        App unpublished = apps.create(owner.getWorkspaceId(), "Draft workflow", AppMode.WORKFLOW, "", owner.getId());
        apps.saveDraft(unpublished.getId(), parser.parse(definition(AppMode.WORKFLOW)), owner.getId());
        try (Browser browser = Browser.launch()) {
            Page page = browser.newPage();
            page.navigate(url("/chat/" + token(unpublished.getId())));
            page.locator("#weft-form[data-ready=true]").waitFor();
            page.getByLabel("Question").fill("Anything?");
            run(page);
            page.locator(".error-box").waitFor();
            assertThat(page.locator(".error-box").textContent()).isEqualTo("the app is not published; publish it before calling the API");
        }
    }

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
    void everyPathServesThePageOfTheAppsModeUnderAStrictPolicy() {
        String workflow = token(publishedApp(AppMode.WORKFLOW));
        String chat = token(publishedApp(AppMode.CHAT));
        for (String path : List.of("/chat/", "/completion/", "/workflow/", "/chatbot/")) {
            Response form = get(null, path + workflow);
            assertThat(form.status()).isEqualTo(200);
            assertThat(form.body()).contains("/webapp/form.js").contains("/webapp/markdown.js").doesNotContain("/webapp/chat.js");
            assertThat(form.header("Content-Security-Policy")).contains("script-src 'self';");
            assertThat(get(null, path + chat).body()).contains("/webapp/chat.js").contains("/webapp/markdown.js");
        }
        assertThat(get(null, "/chatbot/" + workflow).body()).contains("data-embedded=\"true\"");
        for (String asset : List.of("markdown.js", "client.js", "inputs.js", "chat.js", "form.js")) {
            assertThat(get(null, "/webapp/" + asset).header("Content-Type")).startsWith("text/javascript");
        }
        assertThat(get(null, "/webapp/form.css").header("Content-Type")).startsWith("text/css");
        assertThat(get(null, "/webapp/secret.js").status()).isEqualTo(404);
    }

    private String token(String appId) {
        return sites.site(appId).getToken();
    }

    private static Locator output(Page page, String name) {
        return page.locator(".output").filter(new Locator.FilterOptions().setHas(page.locator(".output-name").getByText(name, new Locator.GetByTextOptions().setExact(true))));
    }

    private static void run(Page page) {
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Run").setExact(true)).click();
    }

    private static void ask(Page page, String question) {
        page.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("Message")).fill(question);
        page.locator(".send").click();
    }
}
