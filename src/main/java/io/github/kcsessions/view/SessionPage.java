package io.github.kcsessions.view;

import java.util.List;

/** A page of sessions, and how many match in all: the answer of every list and search. */
public record SessionPage(List<SessionRepresentation> sessions, int total) {
}
