package dev.ticketing.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The UI's pages through the public port, as a browser without JavaScript would use them: status codes, redirects,
 * CSRF refusals, escaping, cookies, session renewal, and every error path the API reports shown as its message.
 */
@ExtendWith(StackExtension.class)
class UiPagesTest {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern ORDER_LOCATION = Pattern.compile("/orders/([0-9a-f-]{36})\\?reserved=1");
    private static final Pattern LISTING_LOCATION = Pattern.compile("/tickets/([0-9a-f-]{36})\\?listed=1");

    private final String url = Stack.get().url();
    private final Marketplace marketplace = new Marketplace(url);

    /** One person using the pages: their own cookies, forms sent with the CSRF token of the page they came from. */
    private final class Visitor {
        final Http http = new Http(url);
        String email;

        Http.Response get(String path) {
            return http.get(path, Map.of("Accept", "text/html"));
        }

        /** Opens {@code page} and sends its form to {@code action}, as a browser would. */
        Http.Response submit(String page, String action, Map<String, String> fields) {
            Http.Response form = get(page);
            assertThat(form.status()).as("%s %s", page, form.status()).isLessThan(500);
            var withToken = new LinkedHashMap<>(fields);
            withToken.put("_csrf", csrfToken(form.body()));
            return http.postForm(action, withToken);
        }

        Visitor signUp() {
            email = AuthJourneyTest.uniqueEmail();
            Http.Response response = submit("/signup", "/signup", Map.of("email", email, "password", "correct horse"));
            assertThat(response.status()).as("%s", response).isEqualTo(302);
            return this;
        }

        String list(String title, String price, String quantity) {
            Http.Response response = submit(
                    "/tickets/new",
                    "/tickets",
                    Map.of("title", title, "description", "", "price", price, "quantity", quantity));
            assertThat(response.status()).as("%s", response).isEqualTo(302);
            Matcher id = LISTING_LOCATION.matcher(response.header("Location").orElseThrow());
            assertThat(id.find()).isTrue();
            return id.group(1);
        }

        Http.Response reserve(String listingId, String quantity) {
            return submit("/tickets/" + listingId, "/tickets/" + listingId + "/reserve", Map.of("quantity", quantity));
        }

        String reserveOk(String listingId, String quantity) {
            Http.Response response = reserve(listingId, quantity);
            assertThat(response.status()).as("%s", response).isEqualTo(302);
            Matcher id = ORDER_LOCATION.matcher(response.header("Location").orElseThrow());
            assertThat(id.find()).isTrue();
            return id.group(1);
        }
    }

    private static String csrfToken(String html) {
        Matcher token = CSRF.matcher(html);
        assertThat(token.find()).as("a CSRF token in the page").isTrue();
        return token.group(1);
    }

    // ---- pages and redirects ------------------------------------------------------------------------------------

    @Test
    void everyPageRendersForItsPersonAsHtmlWithOneMainLandmark() {
        var seller = new Visitor().signUp();
        String listing = seller.list("Page check " + System.nanoTime(), "10", "2");
        var buyer = new Visitor().signUp();
        String order = buyer.reserveOk(listing, "1");

        for (var page : List.of(
                Map.entry(buyer, "/"),
                Map.entry(buyer, "/?q=page"),
                Map.entry(buyer, "/tickets/" + listing),
                Map.entry(seller, "/tickets/new"),
                Map.entry(seller, "/tickets/" + listing + "/edit"),
                Map.entry(buyer, "/orders"),
                Map.entry(buyer, "/orders/" + order),
                Map.entry(buyer, "/my/tickets"),
                Map.entry(seller, "/my/listings"),
                Map.entry(buyer, "/wallet"))) {
            Http.Response response = page.getKey().get(page.getValue());
            assertThat(response.status()).as(page.getValue()).isEqualTo(200);
            assertThat(response.header("Content-Type").orElse(""))
                    .as(page.getValue())
                    .startsWith("text/html");
            assertThat(response.body().split("<main", -1)).as(page.getValue()).hasSize(2);
            assertThat(response.body()).as(page.getValue()).contains(page.getKey().email);
        }
        for (String path : List.of("/", "/signin", "/signup", "/tickets/" + listing)) {
            assertThat(new Visitor().get(path).status()).as(path).isEqualTo(200);
        }
    }

    @Test
    void pagesThatNeedAPersonSendVisitorsToSignInAndBack() {
        for (String path : List.of(
                "/tickets/new",
                "/orders",
                "/my/tickets",
                "/my/listings",
                "/wallet",
                "/orders/" + java.util.UUID.randomUUID())) {
            Http.Response response = new Visitor().get(path);
            assertThat(response.status()).as(path).isEqualTo(302);
            assertThat(response.header("Location").orElseThrow())
                    .as(path)
                    .endsWith("/signin?next="
                            + java.net.URLEncoder.encode(path, java.nio.charset.StandardCharsets.UTF_8));
        }

        var person = new Visitor();
        person.email = AuthJourneyTest.uniqueEmail();
        marketplaceSignup(person.email);
        Http.Response signedIn = person.submit(
                "/signin?next=/wallet",
                "/signin",
                Map.of("email", person.email, "password", "correct horse", "next", "/wallet"));
        assertThat(signedIn.status()).isEqualTo(302);
        assertThat(signedIn.header("Location").orElseThrow()).endsWith("/wallet");
        assertThat(person.get("/wallet").body()).contains("Balance: 500 credits");
    }

    @Test
    void signInNeverRedirectsOffTheOrigin() {
        for (String next :
                List.of("//evil.example/x", "https://evil.example/", "/\\evil.example", "javascript:alert(1)")) {
            var person = new Visitor();
            person.email = AuthJourneyTest.uniqueEmail();
            marketplaceSignup(person.email);
            Http.Response response = person.submit(
                    "/signin", "/signin", Map.of("email", person.email, "password", "correct horse", "next", next));
            assertThat(response.status()).as(next).isEqualTo(302);
            assertThat(response.header("Location").orElseThrow()).as(next).matches("(https?://[^/]+)?/");
        }
    }

    @Test
    void unknownPagesAndOrdersAreAPlainNotFound() {
        var buyer = new Visitor().signUp();
        for (String path : List.of(
                "/no/such/page",
                "/orders/" + java.util.UUID.randomUUID(),
                "/orders/not-an-id",
                "/tickets/" + java.util.UUID.randomUUID(),
                "/tickets/..%2F..%2Factuator")) {
            Http.Response response = buyer.get(path);
            assertThat(response.status()).as(path).isEqualTo(404);
            assertThat(response.header("Content-Type").orElse("")).as(path).startsWith("text/html");
            assertThat(response.body()).as(path).contains("<h1>Not found</h1>");
        }
    }

    @Test
    void anotherPersonsOrderIsNotFoundAndCannotBeCancelledOrPaid() {
        var seller = new Visitor().signUp();
        String listing = seller.list("Mine only " + System.nanoTime(), "10", "1");
        var buyer = new Visitor().signUp();
        String order = buyer.reserveOk(listing, "1");
        var stranger = new Visitor().signUp();

        Http.Response page = stranger.get("/orders/" + order);
        assertThat(page.status()).isEqualTo(404);
        assertThat(page.body()).contains("Not found").doesNotContain("Mine only");
        assertThat(stranger.get("/orders/" + order + "/live").status()).isEqualTo(404);
        assertThat(stranger.submit("/", "/orders/" + order + "/cancel", Map.of())
                        .status())
                .isEqualTo(404);
        assertThat(stranger.submit("/", "/orders/" + order + "/pay", Map.of()).status())
                .isEqualTo(404);
        assertThat(buyer.get("/orders/" + order).body()).contains("created");
    }

    // ---- security -------------------------------------------------------------------------------------------------

    @Test
    void formsWithoutTheirCsrfTokenAreRefused() {
        var person = new Visitor().signUp();
        Http.Response withoutToken =
                person.http.postForm("/tickets", Map.of("title", "Forged " + System.nanoTime(), "price", "10"));
        assertThat(withoutToken.status()).isEqualTo(403);
        assertThat(withoutToken.header("Content-Type").orElse("")).startsWith("text/html");
        assertThat(withoutToken.body()).contains("This form has expired");

        person.get("/tickets/new");
        Http.Response wrongToken = person.http.postForm("/signout", Map.of("_csrf", "not-the-token"));
        assertThat(wrongToken.status()).isEqualTo(403);
        assertThat(person.get("/wallet").status()).as("still signed in").isEqualTo(200);

        // the API is not a form: it keeps working without any token, exactly as before the UI
        Http.Response api = new Http(url)
                .post("/api/users/signup", Map.of("email", AuthJourneyTest.uniqueEmail(), "password", "correct horse"));
        assertThat(api.status()).isEqualTo(201);
        assertThat(api.header("Content-Security-Policy")).isEmpty();
    }

    @Test
    void pagesCarrySecurityHeadersAndNoToken() {
        var person = new Visitor().signUp();
        String access = person.http.cookie("access_token").orElseThrow();
        String refresh = person.http.cookie("refresh_token").orElseThrow();
        for (String path : List.of("/", "/wallet", "/orders", "/signin")) {
            Http.Response page = person.get(path);
            assertThat(page.header("Content-Security-Policy").orElseThrow())
                    .contains("default-src 'self'")
                    .contains("frame-ancestors 'none'");
            assertThat(page.header("X-Content-Type-Options")).contains("nosniff");
            assertThat(page.header("Cache-Control")).contains("no-store");
            assertThat(page.body()).doesNotContain(access).doesNotContain(refresh);
        }
    }

    @Test
    void cookiesSetThroughTheUiAreHttpOnly() {
        var person = new Visitor();
        Http.Response form = person.get("/signup");
        assertThat(form.headers("Set-Cookie"))
                .allSatisfy(c -> assertThat(c).contains("HttpOnly").contains("SameSite=Lax"));
        Http.Response signedUp = person.http.postForm(
                "/signup",
                Map.of(
                        "email",
                        AuthJourneyTest.uniqueEmail(),
                        "password",
                        "correct horse",
                        "_csrf",
                        csrfToken(form.body())));
        assertThat(signedUp.headers("Set-Cookie"))
                .hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(c -> assertThat(c)
                        .contains("HttpOnly")
                        .contains("SameSite=Lax")
                        .contains("Path=/;"));
    }

    @Test
    void hostileTextIsShownAsTextNeverAsMarkup() {
        var seller = new Visitor().signUp();
        String hostile = "<script>alert('x')</script><img src=x onerror=alert(1)> " + System.nanoTime();
        String listing = seller.list(hostile, "10", "1");
        for (String path : List.of(
                "/tickets/" + listing,
                "/?q=" + java.net.URLEncoder.encode(hostile, java.nio.charset.StandardCharsets.UTF_8),
                "/my/listings")) {
            String body = seller.get(path).body();
            assertThat(body)
                    .as(path)
                    .doesNotContain("<script>alert")
                    .doesNotContain("<img src=x")
                    .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
        }
    }

    // ---- the session: renewed with the refresh token, once -------------------------------------------------------

    @Test
    void anExpiredAccessTokenIsRenewedWithTheRefreshTokenAndTheNewCookiesReachTheBrowser() {
        var person = new Visitor().signUp();
        String refresh = person.http.cookie("refresh_token").orElseThrow();
        var browser = new Http(url);
        browser.setCookie("refresh_token", refresh);

        Http.Response wallet = browser.get("/wallet");

        assertThat(wallet.status()).isEqualTo(200);
        assertThat(wallet.body()).contains("Balance: 500 credits").contains(person.email);
        assertThat(wallet.headers("Set-Cookie")).anySatisfy(c -> assertThat(c).startsWith("access_token="));
        String renewed = wallet.headers("Set-Cookie").stream()
                .filter(c -> c.startsWith("refresh_token="))
                .map(c -> c.replaceAll("^refresh_token=([^;]*);.*$", "$1"))
                .findFirst()
                .orElseThrow();
        assertThat(renewed).isNotEqualTo(refresh);
        var next = new Http(url);
        next.setCookie("refresh_token", renewed);
        assertThat(next.get("/orders").status()).as("the renewed session works").isEqualTo(200);
    }

    @Test
    void requestsThatAllFindTheAccessTokenExpiredRenewTheSessionOnce() throws Exception {
        var person = new Visitor().signUp();
        String refresh = person.http.cookie("refresh_token").orElseThrow();
        List<Callable<Http.Response>> pages = new ArrayList<>();
        for (String path : List.of("/wallet", "/orders", "/", "/wallet", "/my/tickets", "/orders")) {
            var tab = new Http(url);
            tab.setCookie("refresh_token", refresh);
            pages.add(() -> tab.get(path));
        }
        try (var pool = Executors.newFixedThreadPool(6)) {
            var answers = pool.invokeAll(pages);
            var renewed = new java.util.HashSet<String>();
            for (var answer : answers) {
                Http.Response page = answer.get();
                assertThat(page.status()).as("%s", page.header("Location")).isEqualTo(200);
                page.headers("Set-Cookie").stream()
                        .filter(c -> c.startsWith("refresh_token="))
                        .forEach(renewed::add);
            }
            // one renewal: had auth seen the old token twice, it would have revoked the whole family
            assertThat(renewed).hasSize(1);
            var after = new Http(url);
            after.setCookie("refresh_token", renewed.iterator().next().replaceAll("^refresh_token=([^;]*);.*$", "$1"));
            assertThat(after.get("/wallet").status()).isEqualTo(200);
        }
    }

    @Test
    void aSessionThatCannotBeRenewedSignsThePersonOut() {
        var person = new Visitor().signUp();
        var browser = new Http(url);
        browser.setCookie("refresh_token", "revoked-or-made-up");

        Http.Response page = browser.get("/wallet");

        assertThat(page.status()).isEqualTo(302);
        assertThat(page.header("Location").orElseThrow()).endsWith("/signin?next=%2Fwallet");
        assertThat(page.headers("Set-Cookie"))
                .anySatisfy(c -> assertThat(c).startsWith("refresh_token=;").contains("Max-Age=0"));
        assertThat(person.get("/wallet").status())
                .as("the real session is untouched")
                .isEqualTo(200);
    }

    @Test
    void signingOutEndsTheSessionEverywhere() {
        var person = new Visitor().signUp();
        String refresh = person.http.cookie("refresh_token").orElseThrow();
        Http.Response out = person.submit("/", "/signout", Map.of());
        assertThat(out.status()).isEqualTo(302);
        assertThat(person.get("/wallet").status()).isEqualTo(302);
        assertThat(new Http(url)
                        .post("/api/users/refresh", Map.of("refreshToken", refresh))
                        .status())
                .isEqualTo(401);
    }

    // ---- every failure the API reports, as its message, next to its field -------------------------------------

    @Test
    void signUpAndSignInShowTheApisMessagesNextToTheirFields() {
        Http.Response badEmail =
                new Visitor().submit("/signup", "/signup", Map.of("email", "nope", "password", "correct horse"));
        assertThat(badEmail.status()).isEqualTo(400);
        assertFieldError(badEmail.body(), "email", "Email must be valid");

        Http.Response shortPassword = new Visitor()
                .submit("/signup", "/signup", Map.of("email", AuthJourneyTest.uniqueEmail(), "password", "short"));
        assertFieldError(shortPassword.body(), "password", "Password must be between 8 and 128 characters");

        var person = new Visitor().signUp();
        Http.Response inUse =
                new Visitor().submit("/signup", "/signup", Map.of("email", person.email, "password", "correct horse"));
        assertAlert(inUse.body(), "Email in use");
        assertThat(inUse.body()).contains("value=\"" + person.email + "\"");

        Http.Response wrong =
                new Visitor().submit("/signin", "/signin", Map.of("email", person.email, "password", "wrong password"));
        assertThat(wrong.status()).isEqualTo(400);
        assertAlert(wrong.body(), "Invalid credentials");
        Http.Response empty = new Visitor().submit("/signin", "/signin", Map.of("email", person.email, "password", ""));
        assertFieldError(empty.body(), "password", "You must supply a password");
    }

    @Test
    void listingFormsShowTheApisMessagesNextToTheirFields() {
        var seller = new Visitor().signUp();
        Http.Response blank =
                seller.submit("/tickets/new", "/tickets", Map.of("title", " ", "price", "10", "quantity", "1"));
        assertThat(blank.status()).isEqualTo(400);
        assertFieldError(blank.body(), "title", "Title is required");
        Http.Response notANumber = seller.submit("/tickets/new", "/tickets", Map.of("title", "Words", "price", "abc"));
        assertFieldError(notANumber.body(), "price", "Price must be greater than 0");
        assertThat(notANumber.body()).contains("value=\"abc\"").contains("value=\"Words\"");

        Http.Response zero =
                seller.submit("/tickets/new", "/tickets", Map.of("title", "Zero", "price", "0", "quantity", "1.5"));
        assertFieldError(zero.body(), "price", "Price must be greater than 0");
        assertFieldError(zero.body(), "quantity", "Quantity must be an integer between 1 and 10000");

        String listing = seller.list("Locked " + System.nanoTime(), "10", "1");
        var buyer = new Visitor().signUp();
        buyer.reserveOk(listing, "1");
        Http.Response opened = Eventually.await(
                "the edit page refusing",
                java.time.Duration.ofSeconds(20),
                () -> seller.get("/tickets/" + listing + "/edit"),
                r -> r.body().contains("role=\"alert\""));
        assertAlert(opened.body(), "Cannot edit a reserved ticket");
        Http.Response sent = seller.submit(
                "/tickets/" + listing + "/edit",
                "/tickets/" + listing + "/edit",
                Map.of("title", "Locked", "price", "12", "quantity", "1"));
        assertThat(sent.status()).isEqualTo(400);
        assertAlert(sent.body(), "Cannot edit a reserved ticket");

        Http.Response notTheSeller = buyer.get("/tickets/" + listing + "/edit");
        assertThat(notTheSeller.status()).isEqualTo(403);
    }

    @Test
    void reservingShowsTheApisMessages() {
        var seller = new Visitor().signUp();
        String listing = seller.list("Two only " + System.nanoTime(), "10", "2");
        Http.Response own = seller.reserve(listing, "1");
        assertThat(own.status()).isEqualTo(400);
        assertAlert(own.body(), "You cannot buy your own ticket");

        var buyer = new Visitor().signUp();
        Http.Response tooMany = buyer.reserve(listing, "3");
        assertAlert(tooMany.body(), "Ticket is already reserved");
        Http.Response notANumber = buyer.reserve(listing, "two");
        assertFieldError(notANumber.body(), "quantity", "Quantity must be an integer between 1 and 100");

        Http.Response visitor = new Visitor().reserve(listing, "1");
        assertThat(visitor.status()).isEqualTo(302);
        assertThat(visitor.header("Location").orElseThrow()).endsWith("/signin?next=%2Ftickets%2F" + listing);
    }

    @Test
    void payingAndCancellingShowTheApisMessages() {
        var seller = new Visitor().signUp();
        String cheap = seller.list("Cheap " + System.nanoTime(), "10", "5");
        String dear = seller.list("Dear " + System.nanoTime(), "600", "1");
        var buyer = new Visitor().signUp();

        String order = buyer.reserveOk(cheap, "1");
        assertThat(buyer.submit("/orders/" + order, "/orders/" + order + "/pay", Map.of())
                        .status())
                .isEqualTo(302);
        Http.Response again = buyer.submit("/orders/" + order, "/orders/" + order + "/pay", Map.of());
        assertThat(again.status()).isEqualTo(400);
        assertAlert(again.body(), "Order has already been paid");
        Http.Response cancelPaid = buyer.submit("/orders/" + order, "/orders/" + order + "/cancel", Map.of());
        assertAlert(cancelPaid.body(), "Cannot cancel a paid order");

        String unaffordable = buyer.reserveOk(dear, "1");
        Http.Response poor = buyer.submit("/orders/" + unaffordable, "/orders/" + unaffordable + "/pay", Map.of());
        assertThat(poor.status()).isEqualTo(400);
        assertAlert(poor.body(), "Insufficient funds");

        String cancelled = buyer.reserveOk(cheap, "1");
        assertThat(buyer.submit("/orders/" + cancelled, "/orders/" + cancelled + "/cancel", Map.of())
                        .status())
                .isEqualTo(302);
        Http.Response late = buyer.submit("/orders/" + cancelled, "/orders/" + cancelled + "/pay", Map.of());
        assertAlert(late.body(), "Cannot pay for an cancelled order");
    }

    @Test
    void aFormSentTwiceReservesAndPaysOnce() {
        var seller = new Visitor().signUp();
        String listing = seller.list("Double click " + System.nanoTime(), "10", "5");
        var buyer = new Visitor().signUp();
        Http.Response page = buyer.get("/tickets/" + listing);
        Matcher key = Pattern.compile("name=\"key\" value=\"([^\"]+)\"").matcher(page.body());
        assertThat(key.find()).isTrue();
        var fields = Map.of("quantity", "1", "key", key.group(1), "_csrf", csrfToken(page.body()));

        Http.Response first = buyer.http.postForm("/tickets/" + listing + "/reserve", fields);
        Http.Response second = buyer.http.postForm("/tickets/" + listing + "/reserve", fields);

        assertThat(second.header("Location")).isEqualTo(first.header("Location"));
        marketplace.awaitAvailable(listing, 4);
    }

    private void marketplaceSignup(String email) {
        assertThat(new Http(url)
                        .post("/api/users/signup", Map.of("email", email, "password", "correct horse"))
                        .status())
                .isEqualTo(201);
    }

    /** The message in a role="alert" element right under the field it names (aria-describedby points at it). */
    private static void assertFieldError(String html, String field, String message) {
        assertThat(html)
                .contains("aria-describedby=\"" + field + "-error\"")
                .contains("id=\"" + field + "-error\" role=\"alert\">" + message + "</p>");
    }

    private static void assertAlert(String html, String message) {
        assertThat(html).contains("role=\"alert\">" + message + "</div>");
    }
}
