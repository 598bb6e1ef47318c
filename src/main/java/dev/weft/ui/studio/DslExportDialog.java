package dev.weft.ui.studio;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AttachmentType;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import dev.weft.app.App;
import dev.weft.app.AppService;
import dev.weft.app.dsl.DifyDslExporter;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Downloads an app's draft as a Dify DSL file ({@code <name>.yml}); secret environment values are left out. */
class DslExportDialog extends Dialog {

    DslExportDialog(App app, AppService apps, DifyDslExporter exporter) {
        setHeaderTitle("Export " + app.getName());
        String fileName = fileName(app.getName());
        Paragraph text = new Paragraph("Downloads the draft as a Dify DSL file that Weft and Dify can import. Secret "
                + "environment variables are exported empty.");
        text.getStyle().set("margin-top", "0").set("max-width", "30rem");
        Anchor download = new Anchor(DownloadHandler.fromInputStream(event -> {
            App current = apps.get(app.getId());
            byte[] yaml = exporter.exportYaml(current.getName(), current.getDescription(), current.getIcon(),
                    apps.draft(app.getId()), false).getBytes(StandardCharsets.UTF_8);
            return new DownloadResponse(new ByteArrayInputStream(yaml), fileName, "application/x-yaml", yaml.length);
        }), AttachmentType.DOWNLOAD, "");
        Button label = new Button("Download " + fileName, VaadinIcon.DOWNLOAD.create());
        label.setTabIndex(-1);
        label.getElement().setAttribute("aria-hidden", "true");
        download.add(label);
        download.getElement().setAttribute("aria-label", "Download " + fileName);
        download.addClassName("weft-dsl-download");
        VerticalLayout body = new VerticalLayout(text, download);
        body.setPadding(false);
        add(body);
        getFooter().add(new Button("Close", e -> close()));
    }

    /** {@code Support bot (copy)} → {@code support-bot-copy.yml}. */
    static String fileName(String appName) {
        String slug = appName.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", "-").replaceAll("^-+|-+$", "");
        return (slug.isEmpty() ? "app" : slug.length() > 80 ? slug.substring(0, 80) : slug) + ".yml";
    }
}
