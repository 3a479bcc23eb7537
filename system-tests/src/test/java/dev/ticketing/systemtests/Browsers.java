package dev.ticketing.systemtests;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Headless Chromium for the browser tests: Debian's {@code chromium} (never a browser Playwright downloads), one per
 * test class, and a fresh context (cookies, storage) per person. Every request a page makes is recorded, so that a
 * test can check that nothing was fetched from outside the origin.
 */
final class Browsers implements AutoCloseable {

    /** Where the chromium package puts the browser; TICKETING_CHROMIUM points elsewhere. */
    static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("TICKETING_CHROMIUM", "/usr/bin/chromium"));

    static final Duration ASSERTION_TIMEOUT = Duration.ofSeconds(20);
    static final int DESKTOP_WIDTH = 1280;
    static final int PHONE_WIDTH = 375;

    private final Playwright playwright;
    private final Browser browser;
    private final String origin;
    private final List<BrowserContext> contexts = new ArrayList<>();
    private final List<String> requested = new CopyOnWriteArrayList<>();
    private final List<String> scriptErrors = new CopyOnWriteArrayList<>();

    private Browsers(Playwright playwright, Browser browser, String origin) {
        this.playwright = playwright;
        this.browser = browser;
        this.origin = origin;
    }

    /** Starts the browser, or fails saying how to install it: a browser test never skips itself. */
    static Browsers launch(String origin) {
        if (!Files.isExecutable(CHROMIUM)) {
            throw new AssertionError(
                    "The browser tests need Chromium at " + CHROMIUM + ", which is missing. Install it "
                            + "with `apt-get install -y chromium` (.ci/run does), or point TICKETING_CHROMIUM at a Chromium binary.");
        }
        PlaywrightAssertions.setDefaultAssertionTimeout(ASSERTION_TIMEOUT.toMillis());
        var playwright = Playwright.create(
                new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        try {
            Browser browser = playwright
                    .chromium()
                    .launch(new BrowserType.LaunchOptions()
                            .setExecutablePath(CHROMIUM)
                            .setHeadless(true)
                            .setArgs(List.of(
                                    "--no-sandbox",
                                    "--disable-gpu",
                                    "--disable-quic",
                                    "--no-first-run",
                                    "--disable-background-networking",
                                    "--disable-component-update",
                                    "--disable-sync")));
            return new Browsers(playwright, browser, origin);
        } catch (RuntimeException e) {
            playwright.close();
            throw e;
        }
    }

    /** A new person at desktop width with JavaScript on. */
    Page person() {
        return person(DESKTOP_WIDTH, 900, true);
    }

    Page person(int width, int height, boolean javaScript) {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions()
                .setBaseURL(origin)
                .setViewportSize(width, height)
                .setJavaScriptEnabled(javaScript)
                .setLocale("en-GB")
                .setTimezoneId("UTC"));
        context.setDefaultTimeout(ASSERTION_TIMEOUT.toMillis());
        context.onRequest(request -> requested.add(request.url()));
        contexts.add(context);
        Page page = context.newPage();
        page.onPageError(error -> scriptErrors.add("uncaught: " + error));
        page.onConsoleMessage(message -> {
            // a form the API refused answers 4xx, and Chromium logs every 4xx: that is the page working as meant
            if ("error".equals(message.type())
                    && !message.text().matches("Failed to load resource: .* status of 4\\d\\d.*")) {
                scriptErrors.add(message.text());
            }
        });
        return page;
    }

    /** Every URL requested since the last call that is not on the origin (nor a {@code data:} URI). */
    List<String> takeRequestsOutsideTheOrigin() {
        List<String> outside = requested.stream()
                .filter(url -> !url.startsWith(origin + "/") && !url.equals(origin) && !url.startsWith("data:"))
                .toList();
        requested.clear();
        return outside;
    }

    /** Script errors and console errors (a content security policy violation is one) since the last call. */
    List<String> takeScriptErrors() {
        List<String> errors = List.copyOf(scriptErrors);
        scriptErrors.clear();
        return errors;
    }

    /** Closes every person's context (the browser stays for the next test). */
    void closePeople() {
        contexts.forEach(BrowserContext::close);
        contexts.clear();
    }

    @Override
    public void close() {
        closePeople();
        browser.close();
        playwright.close();
    }

    // ---- steps people take, by role and accessible name (docs/ui.md) --------------------------------------------

    static Locator button(Page page, String name) {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name));
    }

    static Locator link(Page page, String name) {
        return page.getByRole(
                AriaRole.LINK, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    static Locator navLink(Page page, String name) {
        return page.getByRole(AriaRole.NAVIGATION)
                .getByRole(
                        AriaRole.LINK,
                        new Locator.GetByRoleOptions().setName(name).setExact(true));
    }

    /** Signs a new person up through the form, from wherever the page is; returns their email. */
    static String signUp(Page page) {
        String email = AuthJourneyTest.uniqueEmail();
        page.navigate("/signup");
        page.getByLabel("Email", new Page.GetByLabelOptions().setExact(true)).fill(email);
        page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill("correct horse");
        button(page, "Sign up").click();
        PlaywrightAssertions.assertThat(page.getByRole(AriaRole.NAVIGATION)).containsText(email);
        return email;
    }

    static void signIn(Page page, String email) {
        page.getByLabel("Email", new Page.GetByLabelOptions().setExact(true)).fill(email);
        page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill("correct horse");
        button(page, "Sign in").click();
    }

    /** Reloads until the locator shows the text: for pages that do not update themselves (no JavaScript). */
    static void reloadUntil(Page page, Locator locator, String text, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            try {
                PlaywrightAssertions.assertThat(locator)
                        .containsText(
                                text,
                                new com.microsoft.playwright.assertions.LocatorAssertions.ContainsTextOptions()
                                        .setTimeout(1000));
                return;
            } catch (AssertionError notYet) {
                if (Instant.now().isAfter(deadline)) {
                    throw notYet;
                }
                page.reload();
            }
        }
    }
}
