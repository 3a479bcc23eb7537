/**
 * The web UI: server-rendered pages for the whole journey of docs/ui.md, one package per feature ({@code account},
 * {@code listings}, {@code orders}, {@code etickets}, {@code wallet}) over two shared ones: {@code session} (the
 * signed-in person's tokens, refreshed when they expire) and {@code api} (the public HTTP APIs, called with that
 * person's own token; {@code session} uses {@code api}, which knows the person only as a {@code Caller}).
 * Cross-cutting web concerns (CSRF, security headers, error pages, layout) live in {@code web}. The UI never reads a
 * database and never calls a service in a way a browser could not: whatever the API refuses, the page shows as the
 * API's message.
 */
package dev.ticketing.web.ui;
