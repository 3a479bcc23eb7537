package dev.ticketing.web.ui.session;

/** The signed-in person as the pages show them: their user id and email, from their access token. */
public record Viewer(String id, String email) {}
