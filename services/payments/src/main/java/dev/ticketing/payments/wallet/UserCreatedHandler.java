package dev.ticketing.payments.wallet;

import dev.ticketing.contracts.EventType;
import dev.ticketing.contracts.Events;
import dev.ticketing.contracts.Events.UserCreated;
import dev.ticketing.platform.messaging.EventHandler;
import dev.ticketing.platform.messaging.InboundEvent;
import org.springframework.stereotype.Component;

/** USER.created → the wallet opens with the initial credits (unless a first payment opened it already). */
@Component
class UserCreatedHandler implements EventHandler<UserCreated> {

    private final Wallets wallets;

    UserCreatedHandler(Wallets wallets) {
        this.wallets = wallets;
    }

    @Override
    public EventType<UserCreated> eventType() {
        return Events.USER_CREATED;
    }

    @Override
    public void handle(InboundEvent<UserCreated> event) {
        wallets.openIfAbsent(event.data().id());
    }
}
