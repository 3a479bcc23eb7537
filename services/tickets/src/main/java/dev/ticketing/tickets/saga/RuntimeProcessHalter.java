package dev.ticketing.tickets.saga;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** The real crash: {@link Runtime#halt}, so the process dies without acknowledging the message it handled. */
@Component
class RuntimeProcessHalter implements ProcessHalter {

    private static final Logger log = LoggerFactory.getLogger(RuntimeProcessHalter.class);

    @Override
    public void halt(int status) {
        log.error("Fault injection: halting the process with status {}", status);
        Runtime.getRuntime().halt(status);
    }
}
