package io.mqscope.ui;

import io.mqscope.capture.CaptureException;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A line a view model holds for its view (a capture's status, why it could not be read, the search bar's count),
 * kept as its message key of the UI bundle and arguments and rendered in the UI's language each time it is shown:
 * after a language switch the view model says it again in the new language (as {@link io.mqscope.session.Sentence}
 * does for a session's messages). Arguments are file names, numbers and a capture reader's details, shown as they
 * came (a detail in the UI's language).
 */
public record UiText(String key, List<Object> args) {
    /** Nothing to say. */
    public static final UiText NONE = new UiText("", List.of());

    public UiText {
        args = Collections.unmodifiableList(Arrays.asList(args.toArray()));
    }

    public static UiText of(String key, Object... args) {
        return new UiText(key, Arrays.asList(args));
    }

    public boolean isEmpty() {
        return key.isEmpty();
    }

    /** In the UI's language now; empty for {@link #NONE}. A capture reader's detail is said in it too. */
    public String render() {
        return isEmpty() ? "" : I18n.t(key, args.stream()
                .map(a -> a instanceof CaptureException.Detail d ? d.text(I18n.locale()) : a).toArray());
    }

    @Override
    public String toString() {
        return render();
    }
}
