package io.mqscope.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The secrets side of the profile store: profiles.json names each profile's secrets under {@code "secretRefs"}
 * (profile id to secret names, see {@link ProfileSecrets}) and the values live in the {@link SecretStore} under
 * {@code <profile id>/<name>}. A save writes new values before profiles.json refers to them and deletes old ones only
 * after it no longer does, so a crash at any point leaves profiles.json referring only to secrets that exist.
 */
final class SecretRefs {
    /** Profiles about to be saved: without their secrets, the secrets by store key, and the refs naming them. */
    record Extracted(List<Profile> stripped, Map<String, String> values, Map<String, Set<String>> refs) {
    }

    /** The write of profiles.json, done between putting the new secrets and removing the unused ones. */
    interface ProfilesWrite {
        void run() throws IOException;
    }

    private final SecretStore store;
    /** What the next save may delete: the refs of the last load or save, less those not known to be unused. */
    private Map<String, Set<String>> known = new TreeMap<>();

    SecretRefs(SecretStore store) {
        this.store = store;
    }

    /** The {@code "secretRefs"} of a profiles.json tree. */
    static Map<String, Set<String>> parse(JsonNode root) {
        Map<String, Set<String>> refs = new TreeMap<>();
        root.path("secretRefs").fields().forEachRemaining(e -> {
            Set<String> names = new TreeSet<>();
            e.getValue().forEach(n -> names.add(n.asText()));
            refs.put(e.getKey(), names);
        });
        return refs;
    }

    /**
     * The profile with its secrets filled in; a secret that cannot be read is a warning naming it and why, and is
     * listed in {@code unreadable} under the profile's id.
     */
    Profile fill(Profile p, Set<String> names, List<String> warnings, Map<String, List<String>> unreadable) {
        Map<String, String> values = new LinkedHashMap<>();
        List<String> lost = new ArrayList<>();
        String why = null;
        for (String name : names) {
            try {
                var v = store.get(p.id() + "/" + name);
                if (v.isPresent()) {
                    values.put(name, v.get());
                } else {
                    lost.add(name);
                }
            } catch (IOException e) {
                lost.add(name);
                why = e.getMessage();
            }
        }
        if (!lost.isEmpty()) {
            if (why == null) {
                why = store.unavailableReason().orElse("missing from " + store.describe());
            }
            unreadable.put(p.id(), List.copyOf(lost));
            warnings.add("profile '" + p.name() + "': " + String.join(", ", lost) + " cannot be read (" + why
                    + "); it would connect without " + (lost.size() == 1 ? "it" : "them"));
        }
        return ProfileSecrets.fill(p, values);
    }

    /**
     * Remembers the refs of a load for the next save. Neither the secrets of a profile that was not loaded nor those
     * that could not be read (a locked keyring) are known to be unused, so the next save must not delete them.
     */
    void loaded(Map<String, Set<String>> refs, Collection<String> notLoadedIds,
                Map<String, List<String>> unreadable) {
        Map<String, Set<String>> kept = new TreeMap<>(refs);
        kept.keySet().removeAll(notLoadedIds);
        unreadable.forEach((id, names) -> kept.computeIfPresent(id, (k, v) -> {
            Set<String> rest = new TreeSet<>(v);
            rest.removeAll(names);
            return rest;
        }));
        known = kept;
    }

    /** Takes the secrets out of {@code profiles} (which have ids). */
    static Extracted extract(List<Profile> profiles) {
        List<Profile> stripped = new ArrayList<>();
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, Set<String>> refs = new TreeMap<>();
        for (Profile p : profiles) {
            Map<String, String> secrets = ProfileSecrets.extract(p);
            for (Map.Entry<String, String> e : secrets.entrySet()) {
                values.put(p.id() + "/" + e.getKey(), e.getValue());
            }
            if (!secrets.isEmpty()) {
                refs.put(p.id(), new TreeSet<>(secrets.keySet()));
            }
            stripped.add(ProfileSecrets.strip(p));
        }
        return new Extracted(stripped, values, refs);
    }

    /** Writes {@code refs} as the {@code "secretRefs"} object of a profiles.json tree. */
    static void write(Map<String, Set<String>> refs, ObjectNode root) {
        ObjectNode refNode = root.putObject("secretRefs");
        refs.forEach((id, names) -> {
            ArrayNode a = refNode.putArray(id);
            names.forEach(a::add);
        });
    }

    /** Saves the extracted secrets around {@code profilesWrite} and removes those no profile refers to any more. */
    void save(Extracted extracted, ProfilesWrite profilesWrite) throws IOException {
        store.update(extracted.values(), Set.of());
        profilesWrite.run();
        Set<String> removes = new HashSet<>();
        for (Map.Entry<String, Set<String>> e : known.entrySet()) {
            for (String name : e.getValue()) {
                if (!extracted.refs().getOrDefault(e.getKey(), Set.of()).contains(name)) {
                    removes.add(e.getKey() + "/" + name);
                }
            }
        }
        store.update(Map.of(), removes);
        known = extracted.refs();
    }
}
