package io.mqscope.ui.messages;

import io.mqscope.session.MessageEvent;
import io.mqscope.ui.I18n;
import io.mqscope.ui.diff.PayloadDiffViewModel;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableView;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Issue 15: several messages can be selected in the list and the table (the payload viewer's diff compares the oldest
 * and newest of them; one selected is compared with the previous message on its topic), and a message's context
 * menu charts the number in it. The table joins when it is first shown ({@link #table}).
 */
final class MessageSelection {
    private final ListView<MessageRow> bubbles;
    private final BooleanProperty tableShown;
    private final ObjectProperty<MessageRow> selected;
    private final PayloadDiffViewModel diff;
    private final Supplier<Consumer<MessageEvent>> onChart;
    private TableView<MessageRow> table;

    MessageSelection(ListView<MessageRow> bubbles, BooleanProperty tableShown, ObjectProperty<MessageRow> selected,
                     PayloadDiffViewModel diff, Supplier<Consumer<MessageEvent>> onChart,
                     io.mqscope.ui.ViewListeners listeners) {
        this.bubbles = bubbles;
        this.tableShown = tableShown;
        this.selected = selected;
        this.diff = diff;
        this.onChart = onChart;
        bubbles.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        bubbles.getSelectionModel().getSelectedItems().addListener((ListChangeListener<MessageRow>) c -> forward());
        listeners.onChange(tableShown, (o, a, b) -> forward());
        // the other list follows the selected message alone: a stale multiple selection there would be compared
        // as soon as the user switches between bubbles and table
        listeners.onChange(selected, (o, a, m) -> {
            if (m != null && bubbles.getSelectionModel().getSelectedItem() != m) {
                bubbles.getSelectionModel().clearAndSelect(bubbles.getItems().indexOf(m));
            }
            if (m != null && table != null && table.getSelectionModel().getSelectedItem() != m) {
                table.getSelectionModel().clearAndSelect(table.getItems().indexOf(m));
            }
        });
        bubbles.setContextMenu(new ContextMenu(chartItem()));
    }

    /** The table, made when it is first shown: it selects as the list does and starts at the selected message. */
    void table(TableView<MessageRow> made) {
        table = made;
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        MessageRow m = selected.get();
        if (m != null) {
            table.getSelectionModel().clearAndSelect(table.getItems().indexOf(m));
        }
        table.getSelectionModel().getSelectedItems().addListener((ListChangeListener<MessageRow>) c -> forward());
        // one MenuItem cannot sit in two menus: the table gets its own that fires the same action
        table.setContextMenu(new ContextMenu(chartItem()));
    }

    private void forward() {
        ObservableList<MessageRow> rows = tableShown.get() && table != null
                ? table.getSelectionModel().getSelectedItems() : bubbles.getSelectionModel().getSelectedItems();
        List<MessageEvent> events = rows.stream().filter(r -> r != null).map(MessageRow::event).toList();
        diff.select(events);
    }

    private MenuItem chartItem() {
        MenuItem chart = new MenuItem(I18n.t("messages.chartValue"), new FontIcon(Feather.TRENDING_UP));
        chart.setId("chartValueItem");
        chart.setOnAction(e -> {
            MessageRow r = selected.get();
            Consumer<MessageEvent> c = onChart.get();
            if (r != null && c != null) {
                c.accept(r.event());
            }
        });
        return chart;
    }
}
