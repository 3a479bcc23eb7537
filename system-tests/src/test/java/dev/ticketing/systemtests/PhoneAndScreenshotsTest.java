package dev.ticketing.systemtests;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The main pages at desktop and phone width (375 px): nothing wider than the screen, every page keyboard-reachable
 * from its skip link, and a screenshot of each into {@code target/screenshots} (or TICKETING_SCREENSHOTS_DIR; the
 * README's come from a run against a fresh stack with it set to {@code ../docs/screenshots}).
 */
@ExtendWith(StackExtension.class)
class PhoneAndScreenshotsTest {

    private static final Path SCREENSHOTS =
            Path.of(System.getenv().getOrDefault("TICKETING_SCREENSHOTS_DIR", "target/screenshots"));
    private static Browsers browsers;
    private final String url = Stack.get().url();

    @BeforeAll
    static void launch() {
        browsers = Browsers.launch(Stack.get().url());
    }

    @AfterAll
    static void close() {
        if (browsers != null) {
            browsers.close();
        }
    }

    @Test
    void theMainPagesFitAPhoneAndAreShotAtBothWidths() throws IOException {
        Files.createDirectories(SCREENSHOTS);
        String seller = email("maya");
        String buyer = email("sam");
        Map<String, String> listings = new LinkedHashMap<>();
        var sellerApi = signUp(seller);
        for (String[] l : new String[][] {
            {"Arctic Monkeys, Wembley", "Standing, general admission. Doors 18:30.", "65", "4"},
            {"Hamlet at the Globe", "Row F, seats 12 and 13, evening performance.", "42", "2"},
            {"Jazz on the Roof", "Sunset session with the Lina Trio. Drinks included.", "18", "10"},
            {"Champions League Final", "Block 114, a great view of the pitch.", "240", "1"},
            {"Tame Impala, Berlin", "Seated tier, side view.", "80", "3"},
            {"Late Show: Stand-up", "Comedy club, table for two, 21:00.", "25", "6"}
        }) {
            listings.put(l[0], list(sellerApi, l[0], l[1], l[2], l[3]));
        }
        var buyerApi = signUp(buyer);
        var market = new Marketplace.Person(buyerApi, null);
        String paid = market.orderOk(listings.get("Jazz on the Roof"), 2);
        assertThat(market.pay(paid).status()).isEqualTo(201);
        market.awaitFinal(paid);
        String pending = market.orderOk(listings.get("Hamlet at the Globe"), 1);

        for (boolean phone : new boolean[] {false, true}) {
            int width = phone ? Browsers.PHONE_WIDTH : Browsers.DESKTOP_WIDTH;
            String prefix = phone ? "phone-" : "desktop-";
            Page visitor = browsers.person(width, phone ? 812 : 900, true);
            shoot(visitor, "/", prefix + "home", phone);
            shoot(visitor, "/signin", prefix + "signin", phone);

            Page buying = browsers.person(width, phone ? 812 : 900, true);
            signIn(buying, buyer);
            shoot(buying, "/tickets/" + listings.get("Arctic Monkeys, Wembley"), prefix + "listing", phone);
            shoot(buying, "/orders/" + pending, prefix + "order-pending", phone);
            shoot(buying, "/orders/" + paid, prefix + "order-complete", phone);
            shoot(buying, "/my/tickets", prefix + "etickets", phone);
            shoot(buying, "/orders", prefix + "orders", phone);
            shoot(buying, "/wallet", prefix + "wallet", phone);

            Page selling = browsers.person(width, phone ? 812 : 900, true);
            signIn(selling, seller);
            shoot(selling, "/tickets/new", prefix + "sell", phone);
            shoot(selling, "/tickets/" + listings.get("Jazz on the Roof"), prefix + "listing-seller", phone);
            shoot(selling, "/my/listings", prefix + "my-listings", phone);
            browsers.closePeople();
        }
        assertThat(browsers.takeRequestsOutsideTheOrigin()).isEmpty();
        assertThat(browsers.takeScriptErrors()).as("script and console errors").isEmpty();
    }

    /** Opens a page, saves a full-page screenshot, and checks it fits and starts with a working skip link. */
    private static void shoot(Page page, String path, String name, boolean phone) {
        var response = page.navigate(path);
        assertThat(response.status()).as(path).isEqualTo(200);
        assertThat(page.getByRole(AriaRole.MAIN)).hasCount(1);
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(SCREENSHOTS.resolve(name + ".png"))
                .setFullPage(true));
        if (phone) {
            Object overflow =
                    page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth");
            assertThat(((Number) overflow).intValue())
                    .as("%s wider than a phone by", path)
                    .isLessThanOrEqualTo(0);
        }
        // keyboard: the first Tab reaches the skip link, and following it puts focus on main
        page.keyboard().press("Tab");
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Skip to content")))
                .isFocused();
        page.keyboard().press("Enter");
        assertThat(page.getByRole(AriaRole.MAIN)).isFocused();
    }

    private static void signIn(Page page, String email) {
        page.navigate("/signin");
        Browsers.signIn(page, email);
        assertThat(page.getByRole(AriaRole.NAVIGATION)).containsText(email);
    }

    private Http signUp(String email) {
        var http = new Http(url);
        assertThat(http.post("/api/users/signup", Map.of("email", email, "password", "correct horse"))
                        .status())
                .isEqualTo(201);
        return http;
    }

    private static String list(Http seller, String title, String description, String price, String quantity) {
        var response = seller.post(
                "/api/tickets",
                Map.of(
                        "title",
                        title,
                        "description",
                        description,
                        "price",
                        Integer.parseInt(price),
                        "quantity",
                        Integer.parseInt(quantity)));
        assertThat(response.status()).as("%s", response).isEqualTo(201);
        return response.json().get("id").asString();
    }

    private static String email(String name) {
        return name + "." + UUID.randomUUID().toString().substring(0, 4) + "@example.com";
    }
}
