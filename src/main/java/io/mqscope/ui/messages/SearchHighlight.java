package io.mqscope.ui.messages;

import io.mqscope.session.MessageEvent;
import io.mqscope.store.SearchTerm;
import java.util.List;
import javafx.css.PseudoClass;
import javafx.scene.control.TableRow;
import org.fxmisc.richtext.StyleClassedTextArea;

/**
 * How search hits look (issue 15): a row or bubble that matches carries the {@code :search-hit} pseudo-class (in
 * the Messages lists and the Topics tab's history list alike), and in the payload viewer every occurrence of the
 * term gets the {@code search-hit} style.
 */
public final class SearchHighlight {
    public static final PseudoClass HIT = PseudoClass.getPseudoClass("search-hit");
    static final String STYLE = "search-hit";

    private SearchHighlight() {
    }

    /** Marks each occurrence of {@code term} in what the area shows (call after its text and styles are set). */
    static int mark(StyleClassedTextArea area, String shown, SearchTerm term) {
        List<int[]> spans = term.spans(shown);
        for (int[] s : spans) {
            area.setStyle(s[0], s[1], List.of(STYLE));
        }
        return spans.size();
    }

    /** Whether a listed message is a hit: cheap when nothing is searched. */
    static boolean isHit(MessageRow row, SearchTerm term) {
        return row != null && isHit(row.event(), term);
    }

    /** Whether {@code m} is a hit of {@code term}: cheap when nothing is searched. */
    public static boolean isHit(MessageEvent m, SearchTerm term) {
        return m != null && term != null && !term.isEmpty() && term.matches(m);
    }

    /**
     * Table rows that carry {@code :search-hit} while their message matches {@code vm}'s search, and the restored
     * mark while it is a message of an earlier run.
     */
    static TableRow<MessageRow> tableRow(MessagesViewModel vm, RestoredMark restored) {
        return new TableRow<>() {
            @Override
            protected void updateItem(MessageRow item, boolean empty) {
                super.updateItem(item, empty);
                pseudoClassStateChanged(HIT, !empty && isHit(item, vm.highlightProperty().get()));
                restored.apply(this, !empty && item != null && item.restored());
            }
        };
    }
}
