package dev.ticketing.systemtests;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.ticketing.systemtests.Browsers.button;
import static dev.ticketing.systemtests.Browsers.link;
import static dev.ticketing.systemtests.Browsers.navLink;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The whole journey in a real browser (Debian's Chromium), driven the way people and docs/ui.md name things: by role
 * and accessible name. Sellers and buyers are separate browser contexts, like two windows of two people; nothing is
 * reloaded where the page is meant to update itself. The stack's reservation window is 30 seconds.
 */
@ExtendWith(StackExtension.class)
class BrowserJourneyTest {

    private static final Pattern ORDER_PAGE = Pattern.compile(".*/orders/[0-9a-f-]{36}(\\?.*)?$");
    private static final Pattern LISTING_PAGE = Pattern.compile(".*/tickets/[0-9a-f-]{36}(\\?.*)?$");

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

    @AfterEach
    void nothingWasFetchedFromOutsideTheOriginAndNoScriptFailed() {
        var outside = browsers.takeRequestsOutsideTheOrigin();
        var errors = browsers.takeScriptErrors();
        browsers.closePeople();
        Assertions.assertThat(outside).as("requests outside %s", url).isEmpty();
        Assertions.assertThat(errors).as("script and console errors").isEmpty();
    }

    @Test
    void aSellerListsABuyerFindsReservesAndPaysAndBothSeeTheResult() throws Exception {
        Page seller = browsers.person();
        Browsers.signUp(seller);
        String title = "Opera night " + System.nanoTime();
        String listingUrl = list(seller, title, "25", "3");
        assertThat(seller.getByText("3 left", new Page.GetByTextOptions().setExact(true)))
                .isVisible();
        assertThat(link(seller, "Edit")).isVisible();

        Page buyer = browsers.person();
        Browsers.signUp(buyer);
        buyer.getByLabel("Search", new Page.GetByLabelOptions().setExact(true)).fill(title);
        button(buyer, "Search").click();
        link(buyer, title).click();
        assertThat(buyer).hasURL(listingUrl);
        assertThat(buyer.getByLabel("Quantity", new Page.GetByLabelOptions().setExact(true)))
                .hasValue("1");
        button(buyer, "Reserve").click();

        assertThat(buyer).hasURL(ORDER_PAGE);
        assertThat(buyer.getByLabel("Status", new Page.GetByLabelOptions().setExact(true)))
                .hasText("created");
        Locator timeLeft = buyer.getByLabel("Time left", new Page.GetByLabelOptions().setExact(true));
        assertThat(timeLeft).hasText(Pattern.compile("^\\d\\d:\\d\\d$"));
        String before = timeLeft.textContent();
        assertThat(timeLeft).not().hasText(before);
        assertThat(timeLeft).hasText(Pattern.compile("^\\d\\d:\\d\\d$"));

        // the seller's page follows the sale by itself
        assertThat(seller.getByText("2 left", new Page.GetByTextOptions().setExact(true)))
                .isVisible();

        button(buyer, "Pay").click();
        assertThat(buyer).hasURL(ORDER_PAGE);
        assertThat(buyer.getByLabel("Status", new Page.GetByLabelOptions().setExact(true)))
                .hasText("complete");
        assertThat(buyer.getByLabel("Outcome", new Page.GetByLabelOptions().setExact(true)))
                .hasText("SUCCESS");
        assertThat(buyer.getByRole(
                        AriaRole.LIST,
                        new Page.GetByRoleOptions().setName("Timeline").setExact(true)))
                .containsText("Your e-tickets were issued.");
        assertThat(buyer.getByLabel("Time left", new Page.GetByLabelOptions().setExact(true)))
                .hasCount(0);
        String code = theQrCodeShowsItsCode(buyer);

        navLink(buyer, "My e-tickets").click();
        assertThat(buyer.getByText(code, new Page.GetByTextOptions().setExact(true)))
                .isVisible();
        Assertions.assertThat(decode(qrOf(buyer, code))).isEqualTo(code);

        navLink(buyer, "My orders").click();
        Locator row = buyer.getByRole(AriaRole.ROW).filter(new Locator.FilterOptions().setHasText(title));
        assertThat(row).containsText("complete");
        assertThat(row).containsText("SUCCESS");
        assertThat(row).containsText("25 credits");

        navLink(buyer, "Wallet").click();
        assertThat(buyer.getByText("Balance: 475 credits", new Page.GetByTextOptions().setExact(true)))
                .isVisible();

        navLink(seller, "My listings").click();
        Browsers.reloadUntil(seller, seller.getByRole(AriaRole.MAIN), "Earnings: 25 credits", Duration.ofSeconds(30));
        Locator listing = seller.getByRole(AriaRole.ROW).filter(new Locator.FilterOptions().setHasText(title));
        assertThat(listing.getByRole(AriaRole.CELL).nth(3)).hasText("0");
        assertThat(listing.getByRole(AriaRole.CELL).nth(4)).hasText("1");
        navLink(seller, "Wallet").click();
        assertThat(seller.getByText("Balance: 525 credits", new Page.GetByTextOptions().setExact(true)))
                .isVisible();

        // nothing is reserved any more: the seller may edit again
        seller.navigate(listingUrl);
        link(seller, "Edit").click();
        assertThat(seller.getByLabel("Price", new Page.GetByLabelOptions().setExact(true)))
                .hasValue("25");
        seller.getByLabel("Price", new Page.GetByLabelOptions().setExact(true)).fill("30");
        button(seller, "Save changes").click();
        assertThat(seller).hasURL(LISTING_PAGE);
        assertThat(seller.getByText("30 credits", new Page.GetByTextOptions().setExact(true)))
                .isVisible();
    }

    @Test
    void theSellerCannotEditWhileUnitsAreReservedAndSeesThemComeBackWhenTheBuyerCancels() {
        Page seller = browsers.person();
        Browsers.signUp(seller);
        String title = "Theatre " + System.nanoTime();
        String listingUrl = list(seller, title, "40", "2");

        Page visitor = browsers.person();
        visitor.navigate("/");
        visitor.getByLabel("Search", new Page.GetByLabelOptions().setExact(true))
                .fill(title);
        button(visitor, "Search").click();
        Locator card = visitor.getByRole(AriaRole.LISTITEM).filter(new Locator.FilterOptions().setHasText(title));
        assertThat(card).containsText("2 left");

        Page buyer = browsers.person();
        Browsers.signUp(buyer);
        buyer.navigate(listingUrl);
        buyer.getByLabel("Quantity", new Page.GetByLabelOptions().setExact(true))
                .fill("2");
        button(buyer, "Reserve").click();
        assertThat(buyer).hasURL(ORDER_PAGE);
        assertThat(buyer.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Pay 80 credits")))
                .isVisible();

        // both follow the reservation without a reload: the seller's page and the visitor's search results
        assertThat(seller.getByText("Sold out", new Page.GetByTextOptions().setExact(true)))
                .isVisible();
        assertThat(card).containsText("Sold out");
        link(seller, "Edit").click();
        assertThat(seller.getByRole(AriaRole.ALERT)).containsText("Cannot edit a reserved ticket");
        seller.getByLabel("Price", new Page.GetByLabelOptions().setExact(true)).fill("45");
        button(seller, "Save changes").click();
        assertThat(seller.getByRole(AriaRole.ALERT)).containsText("Cannot edit a reserved ticket");

        button(buyer, "Cancel order").click();
        assertThat(buyer.getByLabel("Status", new Page.GetByLabelOptions().setExact(true)))
                .hasText("cancelled");
        assertThat(buyer.getByLabel("Outcome", new Page.GetByLabelOptions().setExact(true)))
                .hasText("CANCELLED");
        assertThat(button(buyer, "Pay")).hasCount(0);

        seller.navigate(listingUrl);
        assertThat(seller.getByText("2 left", new Page.GetByTextOptions().setExact(true)))
                .isVisible();
        assertThat(seller.getByText("40 credits", new Page.GetByTextOptions().setExact(true)))
                .isVisible();
    }

    @Test
    void theCountdownTurnsIntoExpiredAndTheOrderEndsExpiredWithoutAReload() {
        Page seller = browsers.person();
        Browsers.signUp(seller);
        String listingUrl = list(seller, "Festival " + System.nanoTime(), "10", "1");

        Page buyer = browsers.person();
        Browsers.signUp(buyer);
        buyer.navigate(listingUrl);
        button(buyer, "Reserve").click();
        assertThat(buyer).hasURL(ORDER_PAGE);

        Locator timeLeft = buyer.getByLabel("Time left", new Page.GetByLabelOptions().setExact(true));
        assertThat(timeLeft)
                .hasText(
                        "expired",
                        new com.microsoft.playwright.assertions.LocatorAssertions.HasTextOptions()
                                .setTimeout(Duration.ofSeconds(45).toMillis()));
        assertThat(buyer.getByLabel("Status", new Page.GetByLabelOptions().setExact(true)))
                .hasText("cancelled");
        assertThat(buyer.getByLabel("Outcome", new Page.GetByLabelOptions().setExact(true)))
                .hasText("EXPIRED");
        assertThat(buyer.getByRole(
                        AriaRole.LIST,
                        new Page.GetByRoleOptions().setName("Timeline").setExact(true)))
                .containsText("Time ran out before payment");
        assertThat(seller.getByText("1 left", new Page.GetByTextOptions().setExact(true)))
                .isVisible();
    }

    @Test
    void anotherPersonCannotSeeTheOrder() {
        Page seller = browsers.person();
        Browsers.signUp(seller);
        String listingUrl = list(seller, "Private " + System.nanoTime(), "5", "1");
        Page buyer = browsers.person();
        Browsers.signUp(buyer);
        buyer.navigate(listingUrl);
        button(buyer, "Reserve").click();
        assertThat(buyer).hasURL(ORDER_PAGE);
        String orderUrl = buyer.url().replaceAll("\\?.*$", "");

        Page stranger = browsers.person();
        Browsers.signUp(stranger);
        var response = stranger.navigate(orderUrl);
        Assertions.assertThat(response.status()).isEqualTo(404);
        assertThat(stranger.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Not found")))
                .isVisible();
        assertThat(stranger.getByLabel("Status", new Page.GetByLabelOptions().setExact(true)))
                .hasCount(0);

        var visitor = browsers.person();
        visitor.navigate(orderUrl);
        assertThat(visitor).hasURL(Pattern.compile(".*/signin\\?next=.*"));
    }

    @Test
    void everyStepWorksWithoutJavaScript() {
        Page seller = browsers.person(Browsers.DESKTOP_WIDTH, 900, false);
        String sellerEmail = Browsers.signUp(seller);
        String listingUrl = list(seller, "No script " + System.nanoTime(), "12", "2");
        button(seller, "Sign out").click();
        assertThat(link(seller, "Sign in")).isVisible();

        // a page that needs a person sends the visitor to sign in, and back afterwards
        seller.navigate("/my/listings");
        assertThat(seller).hasURL(Pattern.compile(".*/signin\\?next=%2Fmy%2Flistings$"));
        Browsers.signIn(seller, sellerEmail);
        assertThat(seller).hasURL(Pattern.compile(".*/my/listings$"));
        assertThat(seller.getByText("Earnings: 0 credits", new Page.GetByTextOptions().setExact(true)))
                .isVisible();

        Page buyer = browsers.person(Browsers.DESKTOP_WIDTH, 900, false);
        buyer.navigate(listingUrl);
        button(buyer, "Reserve").click();
        assertThat(buyer).hasURL(Pattern.compile(".*/signin\\?next=.*"));
        link(buyer, "Create an account").click();
        String email = AuthJourneyTest.uniqueEmail();
        buyer.getByLabel("Email", new Page.GetByLabelOptions().setExact(true)).fill(email);
        buyer.getByLabel("Password", new Page.GetByLabelOptions().setExact(true))
                .fill("correct horse");
        button(buyer, "Sign up").click();
        assertThat(buyer).hasURL(listingUrl);
        button(buyer, "Reserve").click();
        assertThat(buyer).hasURL(ORDER_PAGE);
        assertThat(buyer.getByLabel("Time left", new Page.GetByLabelOptions().setExact(true)))
                .hasText(Pattern.compile("^\\d\\d:\\d\\d$"));
        button(buyer, "Pay").click();
        Browsers.reloadUntil(
                buyer,
                buyer.getByLabel("Status", new Page.GetByLabelOptions().setExact(true)),
                "complete",
                Duration.ofSeconds(30));
        assertThat(buyer.getByLabel("Outcome", new Page.GetByLabelOptions().setExact(true)))
                .hasText("SUCCESS");
        assertThat(buyer.getByRole(AriaRole.MAIN).getByRole(AriaRole.IMG)).hasCount(1);
        navLink(buyer, "Wallet").click();
        assertThat(buyer.getByText("Balance: 488 credits", new Page.GetByTextOptions().setExact(true)))
                .isVisible();
    }

    /** Lists a ticket through the form and returns the listing page's URL (without the query). */
    private static String list(Page seller, String title, String price, String quantity) {
        navLink(seller, "Sell a ticket").click();
        seller.getByLabel("Title", new Page.GetByLabelOptions().setExact(true)).fill(title);
        seller.getByLabel("Description", new Page.GetByLabelOptions().setExact(true))
                .fill("Row F, seats together.");
        seller.getByLabel("Price", new Page.GetByLabelOptions().setExact(true)).fill(price);
        seller.getByLabel("Quantity", new Page.GetByLabelOptions().setExact(true))
                .fill(quantity);
        button(seller, "List ticket").click();
        assertThat(seller).hasURL(LISTING_PAGE);
        assertThat(seller.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(title)))
                .isVisible();
        return seller.url().replaceAll("\\?.*$", "");
    }

    /** The order page's one e-ticket: its code is visible text, and its QR image inside main reads back as it. */
    private static String theQrCodeShowsItsCode(Page buyer) throws Exception {
        Locator qr = buyer.getByRole(AriaRole.MAIN).getByRole(AriaRole.IMG);
        assertThat(qr).hasCount(1);
        String code = qr.getAttribute("alt");
        Assertions.assertThat(code).hasSizeGreaterThanOrEqualTo(4);
        assertThat(buyer.getByText(code, new Page.GetByTextOptions().setExact(true)))
                .isVisible();
        Assertions.assertThat(decode(qr)).isEqualTo(code);
        return code;
    }

    private static Locator qrOf(Page page, String code) {
        return page.getByRole(AriaRole.MAIN)
                .getByRole(
                        AriaRole.IMG,
                        new Locator.GetByRoleOptions().setName(code).setExact(true));
    }

    /** What a phone at the door would read: the QR image as the browser shows it, decoded with ZXing. */
    private static String decode(Locator image) throws Exception {
        BufferedImage shot = ImageIO.read(new ByteArrayInputStream(image.screenshot()));
        int[] pixels = shot.getRGB(0, 0, shot.getWidth(), shot.getHeight(), null, 0, shot.getWidth());
        var bitmap = new BinaryBitmap(
                new HybridBinarizer(new RGBLuminanceSource(shot.getWidth(), shot.getHeight(), pixels)));
        return new QRCodeReader().decode(bitmap).getText();
    }
}
