package dev.ticketing.tickets.listing;

import dev.ticketing.platform.security.CurrentUser;
import dev.ticketing.platform.web.ApiException;
import dev.ticketing.platform.web.Ids;
import dev.ticketing.platform.web.pagination.Cursor;
import dev.ticketing.platform.web.pagination.PageRequest;
import dev.ticketing.tickets.listing.ListingService.EditOutcome;
import dev.ticketing.tickets.listing.domain.EditResult;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/tickets}: the listings table of docs/api.md. Protected routes take the {@link CurrentUser} as their
 * first parameter, so that authentication is decided before the body is even read.
 */
@RestController
@RequestMapping(ListingController.PATH)
class ListingController {

    static final String PATH = "/api/tickets";
    static final String RESERVED = "Cannot edit a reserved ticket";
    static final String BELOW_SOLD = "quantity cannot be lower than units sold";
    static final String CONTENDED = "The ticket is being changed by someone else, try again";

    private final ListingService service;

    ListingController(ListingService service) {
        this.service = service;
    }

    /** Newest first; {@code q} narrows the list to titles with every word of it (see {@link TitleSearch}). */
    @GetMapping
    ResponseEntity<List<ListingResponse>> available(
            @RequestParam(required = false) @Size(max = TitleSearch.MAX_LENGTH, message = TitleSearch.TOO_LONG)
                    String q,
            @RequestParam(required = false)
                    @Min(value = 1, message = PageRequest.LIMIT_MESSAGE)
                    @Max(value = PageRequest.MAX_LIMIT, message = PageRequest.LIMIT_MESSAGE)
                    Integer limit,
            @RequestParam(required = false) String cursor) {
        PageRequest page = pageRequest(limit, cursor);
        TitleSearch search = TitleSearch.of(q);
        return service.available(search, page).map(ListingResponse::of).toResponse(PATH, search.linkParameters());
    }

    @GetMapping("/mine")
    ResponseEntity<List<OwnListingResponse>> mine(
            CurrentUser user,
            @RequestParam(required = false)
                    @Min(value = 1, message = PageRequest.LIMIT_MESSAGE)
                    @Max(value = PageRequest.MAX_LIMIT, message = PageRequest.LIMIT_MESSAGE)
                    Integer limit,
            @RequestParam(required = false) String cursor) {
        PageRequest page = pageRequest(limit, cursor);
        return service.bySeller(user.id(), page).map(OwnListingResponse::of).toResponse(PATH + "/mine");
    }

    @GetMapping("/{id}")
    ListingResponse byId(@PathVariable String id) {
        return service.find(Ids.parse(id)).map(ListingResponse::of).orElseThrow(ApiException::notFound);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    ListingResponse create(CurrentUser user, @Valid @RequestBody ListingRequest request) {
        return ListingResponse.of(service.create(user.id(), request.toDetails()));
    }

    @PutMapping("/{id}")
    ListingResponse edit(CurrentUser user, @PathVariable String id, @Valid @RequestBody ListingRequest request) {
        EditOutcome outcome = service.edit(Ids.parse(id), user.id(), request.toChange());
        return switch (outcome) {
            case EditOutcome.UnknownListing() -> throw ApiException.notFound();
            case EditOutcome.TooContended() -> throw new ApiException(HttpStatus.CONFLICT, CONTENDED);
            case EditOutcome.Decided(EditResult result) ->
                switch (result) {
                    case EditResult.Edited(var listing) -> ListingResponse.of(listing);
                    case EditResult.Reserved() -> throw ApiException.badRequest(RESERVED);
                    case EditResult.NotOwner() -> throw ApiException.notAuthorized();
                    case EditResult.BelowSold(int sold) -> throw ApiException.badRequest(BELOW_SOLD);
                };
        };
    }

    private static PageRequest pageRequest(Integer limit, String cursor) {
        PageRequest page = PageRequest.of(limit, cursor);
        // listing cursors carry a listing id: one that does not is not ours
        page.after().ifPresent(Cursor::uuidKey);
        return page;
    }
}
