package io.mqscope.store;

import java.time.Instant;

/**
 * Which stored messages a search, a count or an export covers. Every part is optional (null or empty: any).
 *
 * @param connection  the connection's key (its profile id)
 * @param topicFilter an MQTT topic filter with wildcards
 * @param textFilter  the list's plain text filter (topic or payload contains it, any case)
 * @param term        the search box
 * @param outgoing    true: only sent, false: only received
 * @param from        inclusive
 * @param to          exclusive
 */
public record HistoryQuery(String connection, String topicFilter, String textFilter, SearchTerm term,
                           Boolean outgoing, Integer qos, Boolean retain, Instant from, Instant to) {
    public HistoryQuery {
        topicFilter = topicFilter == null ? "" : topicFilter.strip();
        textFilter = textFilter == null ? "" : textFilter.strip();
        term = term == null ? SearchTerm.NONE : term;
    }

    /** Every message of one connection. */
    public static HistoryQuery all(String connection) {
        return new HistoryQuery(connection, "", "", SearchTerm.NONE, null, null, null, null, null);
    }

    public HistoryQuery withTerm(SearchTerm t) {
        return new HistoryQuery(connection, topicFilter, textFilter, t, outgoing, qos, retain, from, to);
    }
}
