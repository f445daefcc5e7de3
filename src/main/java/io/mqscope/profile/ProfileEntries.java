package io.mqscope.profile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code "profiles"} array of a profiles.json tree, read entry by entry: an entry that cannot be read costs only
 * itself, and a secret that cannot be read costs only that secret; each is a warning naming it and why.
 *
 * @param profiles the profiles read, with their secrets filled in
 * @param notLoadedIds the ids of the entries that could not be read ("" for an entry without one)
 * @param unreadableSecrets profile id to the names of its secrets that could not be read
 */
record ProfileEntries(List<Profile> profiles, List<String> notLoadedIds, Map<String, List<String>> unreadableSecrets) {
    ProfileEntries {
        profiles = List.copyOf(profiles);
        notLoadedIds = List.copyOf(notLoadedIds);
        unreadableSecrets = Map.copyOf(unreadableSecrets);
    }

    static ProfileEntries read(ObjectMapper om, JsonNode list, Map<String, Set<String>> refs, SecretRefs secrets,
                               List<String> warnings) {
        List<Profile> profiles = new ArrayList<>();
        Map<String, List<String>> unreadableSecrets = new LinkedHashMap<>();
        List<String> notLoadedIds = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Profile p;
            try {
                p = om.treeToValue(list.get(i), Profile.class);
            } catch (JsonProcessingException | IllegalArgumentException e) {
                String why = e instanceof JsonProcessingException j ? ProfileJson.describe(j) : e.getMessage();
                String name = list.get(i).path("name").asText("");
                warnings.add("profiles.json: profile " + (i + 1) + (name.isEmpty() ? "" : " '" + name + "'")
                        + " was not loaded: " + why);
                notLoadedIds.add(list.get(i).path("id").asText(""));
                continue;
            }
            profiles.add(secrets.fill(p, refs.getOrDefault(p.id(), Set.of()), warnings, unreadableSecrets));
        }
        return new ProfileEntries(profiles, notLoadedIds, unreadableSecrets);
    }
}
