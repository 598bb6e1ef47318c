package dev.weft.ui.studio;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.server.streams.UploadHandler;
import dev.weft.app.App;
import dev.weft.app.definition.DefinitionException;
import dev.weft.app.dsl.DifyDslImporter;
import dev.weft.app.dsl.DslImportResult;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * Imports a Dify DSL file (.yml) as a new app. A file that cannot be imported lists every problem with its place in
 * the file, so it can be fixed and dropped again.
 */
class DslImportDialog extends Dialog {

    private final Div problems = new Div();
    private Upload upload;

    DslImportDialog(DifyDslImporter importer, Function<DslImportResult, App> create) {
        setHeaderTitle("Import DSL file");
        setWidth("38rem");
        setMaxWidth("100%");

        Paragraph intro = new Paragraph("Drop a Dify DSL file (.yml) exported from Weft or Dify. The app is created with its "
                + "graph, variables and features; secret environment variables arrive empty, so fill them in afterwards.");
        intro.getStyle().set("margin-top", "0");

        upload = new Upload(UploadHandler.inMemory((meta, bytes) -> {
            problems.removeAll();
            try {
                DslImportResult imported = importer.importYaml(new String(bytes, StandardCharsets.UTF_8));
                App app = create.apply(imported);
                close();
                Notification n = Notification.show("Imported " + app.getName()
                        + (imported.warnings().isEmpty() ? "" : ". Note: " + String.join("; ", imported.warnings())),
                        imported.warnings().isEmpty() ? 3000 : 10000, Notification.Position.BOTTOM_START);
                n.addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            } catch (DefinitionException e) {
                showProblems(meta.fileName(), e);
                upload.clearFileList(); // so the fixed file can be dropped again
            } catch (IllegalArgumentException e) {
                problems.add(new Paragraph(Messages.sentence(e.getMessage())));
                upload.clearFileList();
            }
        }));
        upload.setMaxFiles(1);
        upload.setMaxFileSize(DifyDslImporter.MAX_FILE_BYTES);
        upload.setAcceptedFileTypes(".yml", ".yaml", "application/x-yaml", "text/yaml");
        upload.setDropLabel(new Span("Drop a .yml file here"));
        upload.addFileRejectedListener(e -> {
            problems.removeAll();
            problems.add(new Paragraph(e.getFileName() + ": " + e.getErrorMessage().replaceAll("\\.+$", "")
                    + ". Choose one .yml DSL file of at most 10 MB."));
        });
        upload.setWidthFull();
        upload.getElement().setAttribute("aria-label", "DSL file");

        problems.addClassName("weft-import-problems");
        problems.getStyle().set("color", "var(--lumo-error-text-color)");
        VerticalLayout body = new VerticalLayout(intro, upload, problems);
        body.setPadding(false);
        add(body);
        getFooter().add(new Button("Cancel", e -> close()));
    }

    private void showProblems(String fileName, DefinitionException e) {
        Paragraph head = new Paragraph(fileName + " cannot be imported. Fix "
                + (e.errors().size() == 1 ? "this problem" : "these " + e.errors().size() + " problems") + " and drop it again:");
        head.getStyle().set("margin-bottom", "0");
        UnorderedList list = new UnorderedList();
        e.errors().stream().limit(20).forEach(err -> list.add(new ListItem(err.path() + ": " + err.message())));
        problems.add(head, list);
    }
}
