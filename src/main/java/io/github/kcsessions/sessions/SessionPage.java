package io.github.kcsessions.sessions;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * A page of sessions and how many match in all: the answer of every list and search. A user's own list also says
 * whether that user may sign them out ({@code canRevoke}, by the rule the revocations apply), for a page to show its
 * buttons by; an administrator's search leaves it out.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SessionPage(List<SessionRepresentation> sessions, int total, Boolean canRevoke) {

    public static SessionPage found(List<SessionRepresentation> sessions, int total) {
        return new SessionPage(sessions, total, null);
    }
}
