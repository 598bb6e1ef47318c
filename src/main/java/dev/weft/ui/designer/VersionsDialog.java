package dev.weft.ui.designer;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Paragraph;
import dev.weft.app.AppVersion;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.IntConsumer;

/** The published versions, newest first, each with a button that copies it into the draft. */
final class VersionsDialog extends Dialog {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    VersionsDialog(List<AppVersion> versions, IntConsumer restore) {
        setHeaderTitle("Version history");
        setWidth("720px");
        setMaxWidth("100%");
        if (versions.isEmpty()) {
            add(new Paragraph("Nothing published yet. Publish the draft to create version 1; it will be listed here."));
        } else {
            Grid<AppVersion> grid = new Grid<>(AppVersion.class, false);
            grid.addClassName("weft-versions");
            grid.addColumn(AppVersion::getVersion).setHeader("Version").setAutoWidth(true).setFlexGrow(0);
            grid.addColumn(v -> v.getName() == null ? "" : v.getName()).setHeader("Name");
            grid.addColumn(v -> v.getReleaseNotes() == null ? "" : v.getReleaseNotes()).setHeader("Release notes").setFlexGrow(2);
            grid.addColumn(v -> WHEN.format(v.getCreatedAt())).setHeader("Published").setAutoWidth(true);
            grid.addComponentColumn(v -> {
                Button b = new Button("Restore", e -> confirm(v.getVersion(), restore));
                b.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
                b.setAriaLabel("Restore version " + v.getVersion());
                return b;
            }).setHeader("").setAutoWidth(true).setFlexGrow(0);
            grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
            grid.setItems(versions);
            grid.setAllRowsVisible(true);
            add(grid);
        }
        getFooter().add(new Button("Close", e -> close()));
    }

    private void confirm(int version, IntConsumer restore) {
        ConfirmDialog c = new ConfirmDialog("Restore version " + version + "?",
                "The draft is replaced by version " + version + ". Undo (Ctrl+Z) in the designer brings the current draft back.",
                "Restore", e -> {
                    restore.accept(version);
                    close();
                });
        c.setCancelable(true);
        c.open();
    }
}
