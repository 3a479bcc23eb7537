package dev.ticketing.orders.order;

import dev.ticketing.contracts.FaultPlan;
import dev.ticketing.orders.order.OrderService.CancelResult;
import dev.ticketing.orders.order.OrderService.CreateOrder;
import dev.ticketing.orders.order.OrderService.CreateResult;
import dev.ticketing.platform.idempotency.HttpAnswer;
import dev.ticketing.platform.idempotency.HttpAnswers;
import dev.ticketing.platform.idempotency.Idempotency;
import dev.ticketing.platform.idempotency.IdempotencyKey;
import dev.ticketing.platform.idempotency.IdempotentRequest;
import dev.ticketing.platform.idempotency.RequestHash;
import dev.ticketing.platform.messaging.fault.FaultInjection;
import dev.ticketing.platform.security.CurrentUser;
import dev.ticketing.platform.web.ApiError;
import dev.ticketing.platform.web.ApiException;
import dev.ticketing.platform.web.Ids;
import dev.ticketing.platform.web.pagination.Cursor;
import dev.ticketing.platform.web.pagination.PageRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/orders}: the orders table of docs/api.md. Every route takes the {@link CurrentUser} first, so that
 * authentication is decided before the body is read.
 */
@RestController
@RequestMapping(OrderController.PATH)
class OrderController {

    static final String PATH = "/api/orders";
    static final String FAULT_HEADER = "X-Fault-Injection";
    static final String ALREADY_RESERVED = "Ticket is already reserved";
    static final String OWN_TICKET = "You cannot buy your own ticket";
    static final String TOO_MANY_UNPAID = "Too many unpaid orders";

    private final OrderService service;
    private final FaultInjection faultInjection;
    private final Idempotency idempotency;
    private final HttpAnswers answers;

    OrderController(OrderService service, FaultInjection faultInjection, Idempotency idempotency, HttpAnswers answers) {
        this.service = service;
        this.faultInjection = faultInjection;
        this.idempotency = idempotency;
        this.answers = answers;
    }

    /**
     * A created order is answered with the JSON rendered once, which is also what the Idempotency-Key keeps: a retry
     * gets the same bytes. The refusals are kept by nobody and answered through the error handler as before.
     */
    @PostMapping
    ResponseEntity<String> create(
            CurrentUser user,
            @Valid @RequestBody CreateOrderRequest request,
            @RequestHeader(name = FAULT_HEADER, required = false) String faultHeader,
            @RequestHeader(name = IdempotencyKey.HEADER, required = false) String idempotencyKey) {
        FaultPlan faults = faultPlan(faultHeader);
        Optional<IdempotencyKey> key = IdempotencyKey.fromHeader(idempotencyKey);
        UUID listingId = Ids.parse(request.ticketId().trim()); // a malformed id names no listing: 404
        int quantity = request.quantityOrDefault();
        IdempotentRequest<OrderResponse> once =
                idempotency.request(user.id(), key, requestHash(listingId, quantity, faults), this::created);
        return switch (service.create(new CreateOrder(user.id(), listingId, quantity, faults), once)) {
            case CreateResult.Created(OrderResponse order) -> once.answer(order).toResponse();
            case CreateResult.AnsweredBefore() -> once.earlierAnswer().toResponse();
            case CreateResult.UnknownListing() -> throw ApiException.notFound();
            case CreateResult.OwnListing() -> throw ApiException.badRequest(OWN_TICKET);
            case CreateResult.TooManyUnpaid() -> throw ApiException.badRequest(TOO_MANY_UNPAID);
            case CreateResult.NotEnoughUnits() -> throw ApiException.badRequest(ALREADY_RESERVED);
        };
    }

    private HttpAnswer created(OrderResponse order) {
        return answers.of(HttpStatus.CREATED, order);
    }

    @GetMapping
    ResponseEntity<List<OrderResponse>> mine(
            CurrentUser user,
            @RequestParam(required = false)
                    @Min(value = 1, message = PageRequest.LIMIT_MESSAGE)
                    @Max(value = PageRequest.MAX_LIMIT, message = PageRequest.LIMIT_MESSAGE)
                    Integer limit,
            @RequestParam(required = false) String cursor) {
        PageRequest page = PageRequest.of(limit, cursor);
        // order cursors carry an order id: one that does not is not ours
        page.after().ifPresent(Cursor::uuidKey);
        return service.byUser(user.id(), page).map(OrderResponse::of).toResponse(PATH);
    }

    @GetMapping("/{id}")
    OrderResponse byId(CurrentUser user, @PathVariable String id) {
        return OrderResponse.of(ownOrder(user, id));
    }

    @GetMapping("/{id}/timeline")
    List<Timeline.Entry> timeline(CurrentUser user, @PathVariable String id) {
        return service.timeline(ownOrder(user, id).order().id());
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> cancel(CurrentUser user, @PathVariable String id) {
        return switch (service.cancel(Ids.parse(id), user.id())) {
            case CancelResult.Done() -> ResponseEntity.noContent().build();
            case CancelResult.UnknownOrder() -> throw ApiException.notFound();
            case CancelResult.NotOwner() -> throw ApiException.notAuthorized();
            case CancelResult.Refused(String reason) -> throw ApiException.badRequest(reason);
        };
    }

    /** docs/api.md: unknown → 404; someone else's order → 401, as if it were not theirs to know about. */
    private OrderView ownOrder(CurrentUser user, String id) {
        OrderView view = service.find(Ids.parse(id)).orElseThrow(ApiException::notFound);
        if (!view.order().isOwnedBy(user.id())) {
            throw ApiException.notAuthorized();
        }
        return view;
    }

    /** The header only counts where faults are enabled; elsewhere it is ignored entirely. */
    private FaultPlan faultPlan(String header) {
        try {
            return faultInjection.fromRequest(header);
        } catch (FaultPlan.MalformedFaultPlan malformed) {
            throw new ApiException(HttpStatus.BAD_REQUEST, List.of(new ApiError(malformed.getMessage(), FAULT_HEADER)));
        }
    }

    /**
     * The request as it takes effect (defaults applied), so that equivalent bodies count as the same request. The text
     * is what keys already stored were hashed from: changing it would turn their retries into 422s.
     */
    private static String requestHash(UUID listingId, int quantity, FaultPlan faults) {
        return RequestHash.of(
                listingId + "\n" + quantity + "\n" + faults.header().orElse(""));
    }
}
