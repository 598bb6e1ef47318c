package dev.weft.bench;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.BoundingBox;
import dev.weft.WeftApplication;
import dev.weft.app.App;
import dev.weft.app.AppService;
import dev.weft.security.Account;
import dev.weft.security.AccountService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Where the time goes when the designer opens the 200-node graph of {@link CanvasBench} and when one node is
 * dragged: Chromium's own counters (script, style, layout, task time; CDP {@code Performance.getMetrics}) and the
 * functions with the most self time in a CDP CPU profile, each with a snippet of the (minified) bundle around
 * it so it can be found. A tool for finding what to make faster; {@link CanvasBench} gives the figures. Run:
 * {@code ./mvnw -o -Pbench test-compile exec:exec -Dbench.main=dev.weft.bench.CanvasProfile}
 */
public final class CanvasProfile {

    private static final List<String> METRICS = List.of("TaskDuration", "ScriptDuration", "RecalcStyleDuration", "LayoutDuration",
            "RecalcStyleCount", "LayoutCount", "Nodes");

    public static void main(String[] args) throws Exception {
        // which node to profile the drag of (CanvasBench's round number minus one picks the same node); default 0
        int target = args.length > 0 && !args[0].equals(".*") ? Integer.parseInt(args[0]) : 0;
        Path dataDir = Files.createTempDirectory("weft-canvas-profile");
        ConfigurableApplicationContext ctx = new SpringApplication(WeftApplication.class).run("--weft.data-dir=" + dataDir,
                "--server.port=0", "--spring.main.banner-mode=off", "--logging.level.root=WARN");
        try (Playwright playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")))) {
            String base = "http://127.0.0.1:" + ctx.getEnvironment().getProperty("local.server.port");
            Account owner = ctx.getBean(AccountService.class).createOwner("Bench", "bench@example.com", "Bench", "bench password 1");
            App app = ctx.getBean(AppService.class).createFromDefinition(owner.getWorkspaceId(), "Canvas 200", null, null,
                    CanvasBench.graph(), owner.getId());
            Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                    .setExecutablePath(Path.of("/usr/bin/chromium")).setHeadless(true)
                    .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run")));
            Page page = browser.newPage(new Browser.NewPageOptions().setViewportSize(1600, 1000));
            page.addInitScript(CanvasBench.PROBE);
            page.navigate(base + "/login");
            page.getByLabel("Email").fill("bench@example.com");
            page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill("bench password 1");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in").setExact(true)).click();
            page.waitForURL(base + "/");
            CDPSession cdp = page.context().newCDPSession(page);
            cdp.send("Performance.enable");
            cdp.send("Profiler.enable");
            JsonObject interval = new JsonObject();
            interval.addProperty("interval", 200);
            cdp.send("Profiler.setSamplingInterval", interval);

            // warm once (caches), then profile a load
            page.navigate(base + "/apps/" + app.getId() + "/designer");
            page.waitForFunction("() => window.__bench.drawnAt !== null", null, new Page.WaitForFunctionOptions().setTimeout(60_000));
            Map<String, Double> before = metrics(cdp);
            cdp.send("Profiler.start");
            page.navigate(base + "/apps/" + app.getId() + "/designer");
            page.waitForFunction("() => window.__bench.drawnAt !== null", null, new Page.WaitForFunctionOptions().setTimeout(60_000));
            JsonObject loadProfile = cdp.send("Profiler.stop").getAsJsonObject("profile");
            report("load (drawn at " + Math.round(number(page.evaluate("() => window.__bench.drawnAt"))) + " ms, canvas at "
                    + Math.round(number(page.evaluate("() => window.__bench.canvasAt"))) + " ms)", before, metrics(cdp), loadProfile, page);
            System.out.println("long tasks while loading: " + page.evaluate("() => JSON.stringify(window.__bench.longtasks"
                    + ".map(t => Math.round(t.start) + '+' + Math.round(t.duration)))"));

            page.waitForTimeout(800);
            var dragged = CanvasBench.dragTarget(page, target);
            System.out.println("dragging node " + dragged.getAttribute("data-id"));
            BoundingBox box = dragged.boundingBox();
            double x = box.x + box.width / 2;
            double y = box.y + 12;
            page.evaluate("() => { window.__bench.dragFrom = performance.now(); }");
            before = metrics(cdp);
            cdp.send("Profiler.start");
            page.mouse().move(x, y);
            page.mouse().down();
            for (int i = 1; i <= 30; i++) {
                page.mouse().move(x + i * 10, y + i * 4);
                page.waitForTimeout(16);
            }
            page.mouse().up();
            page.waitForTimeout(1000);
            JsonObject dragProfile = cdp.send("Profiler.stop").getAsJsonObject("profile");
            report("drag", before, metrics(cdp), dragProfile, page);
            System.out.println("long tasks while dragging: " + page.evaluate("() => JSON.stringify(window.__bench.longtasks"
                    + ".filter(t => t.start >= window.__bench.dragFrom).map(t => Math.round(t.start - window.__bench.dragFrom)"
                    + " + '+' + Math.round(t.duration)))"));

            // the same drag with parts of the canvas hidden, to see what each costs per step
            Map<String, String> variants = new LinkedHashMap<>();
            variants.put("as is", "");
            variants.put("no minimap", ".react-flow__minimap{display:none}");
            variants.put("no edges", ".react-flow__edges{display:none}");
            variants.put("as is again", "");
            variants.put("no minimap again", ".react-flow__minimap{display:none}");
            int round = 0;
            for (Map.Entry<String, String> v : variants.entrySet()) {
                page.navigate(base + "/apps/" + app.getId() + "/designer");
                page.waitForFunction("() => window.__bench.drawnAt !== null", null, new Page.WaitForFunctionOptions().setTimeout(60_000));
                if (!v.getValue().isEmpty()) {
                    page.addStyleTag(new Page.AddStyleTagOptions().setContent(v.getValue()));
                }
                page.waitForTimeout(500);
                BoundingBox b = CanvasBench.dragTarget(page, round++).boundingBox();
                Map<String, Double> m0 = metrics(cdp);
                page.mouse().move(b.x + b.width / 2, b.y + 12);
                page.mouse().down();
                for (int i = 1; i <= 30; i++) {
                    page.mouse().move(b.x + b.width / 2 + i * 10, b.y + 12 + i * 4);
                    page.waitForTimeout(16);
                }
                Map<String, Double> m1 = metrics(cdp);
                page.mouse().up();
                System.out.printf(Locale.ROOT, "%-24s per step: CPU %.1f ms, task %.1f ms, script %.1f ms, style %.1f ms, layout %.1f ms%n",
                        v.getKey(), perStep(m0, m1, "ThreadTime"), perStep(m0, m1, "TaskDuration"), perStep(m0, m1, "ScriptDuration"),
                        perStep(m0, m1, "RecalcStyleDuration"), perStep(m0, m1, "LayoutDuration"));
            }
            browser.close();
        } finally {
            ctx.close();
        }
    }

    private static double perStep(Map<String, Double> before, Map<String, Double> after, String metric) {
        return (after.getOrDefault(metric, Double.NaN) - before.getOrDefault(metric, Double.NaN)) * 1000 / 30;
    }

    private static Map<String, Double> metrics(CDPSession cdp) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (JsonElement m : cdp.send("Performance.getMetrics").getAsJsonArray("metrics")) {
            JsonObject o = m.getAsJsonObject();
            out.put(o.get("name").getAsString(), o.get("value").getAsDouble());
        }
        return out;
    }

    private static void report(String what, Map<String, Double> before, Map<String, Double> after, JsonObject profile, Page page) {
        System.out.println("== " + what);
        StringBuilder line = new StringBuilder();
        for (String m : METRICS) {
            double d = after.getOrDefault(m, 0.0) - before.getOrDefault(m, 0.0);
            line.append(String.format(Locale.ROOT, "%s %s  ", m, m.endsWith("Duration") ? Math.round(d * 1000) + " ms" : Math.round(d)));
        }
        System.out.println(line);
        // self time per function from the samples
        Map<Integer, JsonObject> nodes = new HashMap<>();
        for (JsonElement n : profile.getAsJsonArray("nodes")) {
            nodes.put(n.getAsJsonObject().get("id").getAsInt(), n.getAsJsonObject());
        }
        JsonArray samples = profile.getAsJsonArray("samples");
        JsonArray deltas = profile.getAsJsonArray("timeDeltas");
        Map<String, Double> self = new HashMap<>();
        Map<String, JsonObject> frames = new HashMap<>();
        for (int i = 0; i < samples.size(); i++) {
            JsonObject frame = nodes.get(samples.get(i).getAsInt()).getAsJsonObject("callFrame");
            String key = frame.get("functionName").getAsString() + " " + frame.get("url").getAsString() + ":"
                    + frame.get("lineNumber").getAsInt() + ":" + frame.get("columnNumber").getAsInt();
            double dt = i + 1 < deltas.size() ? deltas.get(i + 1).getAsDouble() / 1000 : 0;
            self.merge(key, dt, Double::sum);
            frames.put(key, frame);
        }
        List<Map.Entry<String, Double>> top = new ArrayList<>(self.entrySet());
        top.sort(Map.Entry.<String, Double>comparingByValue().reversed());
        for (Map.Entry<String, Double> e : top.subList(0, Math.min(25, top.size()))) {
            JsonObject f = frames.get(e.getKey());
            String url = f.get("url").getAsString();
            String snippet = "";
            if (url.startsWith("http")) {
                Object s = page.evaluate("async ([u, l, c]) => { const t = (await (await fetch(u)).text()).split('\\n')[l] || '';"
                        + " return t.substring(Math.max(0, c - 30), c + 90); }", List.of(url, f.get("lineNumber").getAsInt(),
                        f.get("columnNumber").getAsInt()));
                snippet = String.valueOf(s).replace('\n', ' ');
            }
            String name = f.get("functionName").getAsString();
            System.out.printf(Locale.ROOT, "  %7.1f ms  %-28s %s%n", e.getValue(), name.isEmpty() ? "(anonymous)" : name,
                    url.isEmpty() ? "" : url.substring(url.lastIndexOf('/') + 1) + ":" + f.get("lineNumber") + ":" + f.get("columnNumber")
                            + "  «" + snippet + "»");
        }
    }

    private static double number(Object value) {
        return value instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
