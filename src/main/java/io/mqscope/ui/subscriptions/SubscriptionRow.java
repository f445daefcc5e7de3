package io.mqscope.ui.subscriptions;

import io.mqscope.profile.Profile.SavedSubscription;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleLongProperty;

/** A subscription with its message count and mute switch (mute hides messages without unsubscribing). */
public final class SubscriptionRow {
    private final SavedSubscription subscription;
    private final LongProperty count = new SimpleLongProperty();
    private final BooleanProperty muted = new SimpleBooleanProperty();

    public SubscriptionRow(SavedSubscription s) {
        this.subscription = s;
    }

    public SavedSubscription subscription() {
        return subscription;
    }

    public String filter() {
        return subscription.topicFilter();
    }

    public LongProperty countProperty() { return count; }
    public BooleanProperty mutedProperty() { return muted; }
}
