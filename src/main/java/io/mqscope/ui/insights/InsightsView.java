package io.mqscope.ui.insights;

import io.mqscope.ui.I18n;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The Insights list: each row says what went wrong across packets and connections and the fix; a double click
 * (or Enter) shows the row's first packet in the Packets tab, and each further one the next packet it names.
 */
public final class InsightsView {
    private final VBox root = new VBox(6);

    public InsightsView(InsightsViewModel vm) {
        this(vm, "insightsList");
    }

    /** @param id the list's node id (the main window's and a wiretap inspector's lists can be in one scene) */
    public InsightsView(InsightsViewModel vm, String id) {
        ListView<InsightRow> list = new ListView<>(vm.rows());
        list.setId(id);
        list.setPlaceholder(new Label(I18n.t("insights.none")));
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(InsightRow row, boolean empty) {
                super.updateItem(row, empty);
                getStyleClass().removeAll("insight-error", "insight-warning", "insight-info");
                if (empty || row == null) {
                    setText(null);
                    return;
                }
                getStyleClass().add("insight-" + row.severity());
                setWrapText(true);
                setPrefWidth(0);
                setText(row.connections() + "  " + row.rule() + "\n" + row.message() + "\n"
                        + I18n.t("insights.fix", row.fix()));
            }
        });
        list.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> vm.selectedProperty().set(b));
        list.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2) {
                vm.open(list.getSelectionModel().getSelectedItem());
            }
        });
        list.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                vm.open(list.getSelectionModel().getSelectedItem());
            }
        });
        VBox.setVgrow(list, Priority.ALWAYS);
        root.getChildren().add(list);
        root.setPadding(new Insets(8));
    }

    public Node root() {
        return root;
    }
}
