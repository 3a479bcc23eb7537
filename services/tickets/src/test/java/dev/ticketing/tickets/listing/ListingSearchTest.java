package dev.ticketing.tickets.listing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.platform.test.Http;
import dev.ticketing.platform.web.pagination.Cursor;
import dev.ticketing.platform.web.pagination.PageRequest;
import dev.ticketing.tickets.TicketsServiceTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/tickets?q=} (issue 13): a listing matches when its title contains every word of q, in any case;
 * combined with the available filter and pagination, and answered from an index on a large catalogue.
 */
class ListingSearchTest extends TicketsServiceTest {

    @Test
    void searchFindsAListingByAnyWordOfItsTitleInAnyCase() {
        User seller = newUser();
        String festival = listing(seller, "Summer Rock Festival 2027");
        listing(seller, "Opera night");

        for (String q : List.of("rock", "ROCK", "Summer", "festival", "fEsTiVaL", "2027", "fest", "  rock  ")) {
            assertThat(ids(search(q))).as(q).containsExactly(festival);
        }
        assertThat(ids(search("jazz"))).isEmpty();

        String cafe = listing(seller, "Soirée chez Zoë");
        assertThat(ids(search("SOIRÉE zoË"))).as("case beyond ASCII").containsExactly(cafe);
    }

    @Test
    void everyWordMustMatchInAnyOrder() {
        User seller = newUser();
        String rockFestival = listing(seller, "Summer Rock Festival");
        listing(seller, "Rock concert");
        listing(seller, "Jazz festival");

        assertThat(ids(search("festival rock"))).containsExactly(rockFestival);
        assertThat(ids(search("ROCK\tsummer\nfestival"))).containsExactly(rockFestival);
        assertThat(ids(search("rock jazz"))).isEmpty();
    }

    @Test
    void blankOrAbsentQueryListsEverything() {
        User seller = newUser();
        String first = listing(seller, "First");
        String second = listing(seller, "Second");

        assertThat(ids(http.get("/api/tickets", null))).containsExactly(second, first);
        assertThat(ids(search(""))).containsExactly(second, first);
        assertThat(ids(search("   "))).containsExactly(second, first);
    }

    @Test
    void wildcardsInTheQueryAreTakenLiterally() {
        User seller = newUser();
        String percent = listing(seller, "100% pure");
        String underscore = listing(seller, "snake_case meetup");
        listing(seller, "1000 pure");
        listing(seller, "snakeXcase meetup");

        assertThat(ids(search("100%"))).containsExactly(percent);
        assertThat(ids(search("e_c"))).containsExactly(underscore);
        assertThat(ids(search("%"))).containsExactly(percent);
        assertThat(ids(search("\\"))).isEmpty();
    }

    @Test
    void searchOnlyFindsListingsWithUnitsAvailable() {
        User seller = newUser();
        String open = listing(seller, "Rock open");
        String soldOut = listing(seller, "Rock sold out");
        setCounters(soldOut, 0, 1);

        assertThat(ids(search("rock"))).containsExactly(open);
    }

    @Test
    void searchCombinesWithPaginationNewestFirst() {
        User seller = newUser();
        List<String> rock = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            rock.add(listing(seller, "Rock & roll night " + i));
            listing(seller, "Opera " + i);
        }

        List<String> seen = new ArrayList<>();
        String next = "/api/tickets?q=" + URLEncoder.encode("ROLL rock", StandardCharsets.UTF_8) + "&limit=3";
        int pages = 0;
        while (next != null) {
            Http.Response page = http.get(next, null);
            assertThat(page.status()).isEqualTo(200);
            seen.addAll(ids(page));
            next = nextLink(page);
            if (next != null) {
                assertThat(next)
                        .as("the next page is of the same search")
                        .startsWith("/api/tickets?q=roll+rock&limit=3&cursor=");
            }
            pages++;
        }

        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactlyElementsOf(rock.reversed());
    }

    @Test
    void aQueryOver200CharactersIsRefused() {
        Http.Response tooLong = search("x".repeat(201));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.errors())
                .containsExactly(Map.of("message", "q must be at most 200 characters", "field", "q"));

        assertThat(search("x".repeat(200)).status()).isEqualTo(200);
        assertThat(search("a ".repeat(100)).status()).as("100 one-letter words").isEqualTo(200);
    }

    @Test
    void aNullCharacterInTheQueryIsRefused() {
        Http.Response response = http.get("/api/tickets?q=rock%00", null);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errors())
                .containsExactly(Map.of("message", "q must not contain the null character (U+0000)", "field", "q"));
    }

    /**
     * The point of the indexes: on a catalogue large enough for the planner to care, neither the first page nor a
     * search reads the whole table; the first page reads the newest-first index in order (no sort), a search looks
     * the words up in the trigram index.
     */
    @Test
    void listingAndSearchingALargeCatalogueUseIndexesNotATableScan() {
        jdbc.sql("""
                insert into listings (id, seller_id, title, price, quantity, reserved, sold, created_at, updated_at)
                select gen_random_uuid(), 'seller-' || (i % 100),
                       (array['Rock', 'Jazz', 'Opera', 'Ballet', 'Comedy'])[1 + i % 5] || ' night ' || i,
                       10, 1, 0, i % 3 / 2, now() - i * interval '1 second', now()
                  from generate_series(1, 30000) as i
                """).update();
        jdbc.sql("insert into listings (id, seller_id, title, price, quantity, created_at, updated_at)"
                        + " values (gen_random_uuid(), 'seller-x', 'Zeppelin tribute', 10, 1, now(), now())")
                .update();
        jdbc.sql("analyze listings").update();
        PageRequest firstPage = PageRequest.of(null, null);

        List<String> list = explain(ListingRepository.availableQuery(TitleSearch.of(null), firstPage));
        List<String> search = explain(ListingRepository.availableQuery(TitleSearch.of("zeppelin TRIBUTE"), firstPage));
        List<String> mine = explain(ListingRepository.bySellerQuery("seller-7", firstPage));
        PageRequest laterPage = PageRequest.of(
                null,
                Cursor.of(Instant.now().minusSeconds(5000), UUID.randomUUID()).encode());
        List<String> later = explain(ListingRepository.availableQuery(TitleSearch.of(null), laterPage));

        // the plan's first node under the Limit reads listings; the pending order id is a sub-plan below it
        assertThat(list.get(1)).as(String.join("\n", list)).contains("Index Scan using listings_available_newest");
        assertThat(mine.get(1)).as(String.join("\n", mine)).contains("Index Scan using listings_by_seller_newest");
        assertThat(String.join("\n", search)).contains("Bitmap Index Scan on listings_title_trgm");
        // a later page starts in the index at the cursor instead of reading and skipping the pages before it
        assertThat(later.get(1)).as(String.join("\n", later)).contains("Index Scan using listings_available_newest");
        assertThat(later.get(2)).contains("Index Cond: (ROW(created_at, id) < ROW(");
        for (List<String> plan : List.of(list, search, mine, later)) {
            assertThat(plan).as(String.join("\n", plan)).noneMatch(line -> line.contains("Seq Scan on listings"));
        }
        assertThat(ids(search("zeppelin"))).hasSize(1);
    }

    // --- helpers

    private String listing(User seller, String title) {
        return createListing(seller, body("title", title, "price", 10))
                .get("id")
                .asString();
    }

    private Http.Response search(String q) {
        return http.get("/api/tickets?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8), null);
    }

    private List<String> explain(ListingRepository.ListingQuery query) {
        return jdbc.sql("explain " + query.sql())
                .params(query.params())
                .query(String.class)
                .list();
    }
}
