package io.mqscope.ui.capture;

import io.mqscope.capture.CaptureException;
import io.mqscope.ui.I18n;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A line the capture's view shows (what the file held, why it could not be read), kept as its message key and
 * arguments and rendered in the UI's language each time a view shows it: a language switch builds the views again
 * over the same view model, which then say it in the new language (as {@link io.mqscope.session.Sentence} does for a
 * session's messages). Arguments are file names, numbers and the reader's own remarks, shown as they came.
 */
public record CaptureText(String key, List<Object> args) {
    /** Nothing to say. */
    public static final CaptureText NONE = new CaptureText("", List.of());

    public CaptureText {
        args = Collections.unmodifiableList(Arrays.asList(args.toArray()));
    }

    public static CaptureText of(String key, Object... args) {
        return new CaptureText(key, Arrays.asList(args));
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
