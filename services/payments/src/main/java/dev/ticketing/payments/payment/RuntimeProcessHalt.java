package dev.ticketing.payments.payment;

import org.springframework.stereotype.Component;

/** No shutdown hooks, no graceful stop, no response: what a kill -9 would do. 137 = 128 + SIGKILL. */
@Component
class RuntimeProcessHalt implements ProcessHalt {

    static final int EXIT_CODE = 137;

    @Override
    public void halt() {
        Runtime.getRuntime().halt(EXIT_CODE);
    }
}
