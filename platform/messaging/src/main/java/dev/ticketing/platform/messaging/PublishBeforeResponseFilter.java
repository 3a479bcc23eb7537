package dev.ticketing.platform.messaging;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import org.springframework.core.Ordered;

/**
 * Marks the thread serving an HTTP request for {@link PublishBeforeResponse}, and holds the response back until
 * the events the request committed are published: just before the first byte of the body (or an error or
 * redirect) is written, or when the request ends without a body (e.g. 204). Headers and status are not sent
 * before then, so the client cannot see the answer earlier.
 */
final class PublishBeforeResponseFilter implements Filter, Ordered {

    /** Outside everything else, so that no other filter writes the response before the wait. */
    static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 5;

    private final PublishBeforeResponse gate;

    PublishBeforeResponseFilter(PublishBeforeResponse gate) {
        this.gate = gate;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!(response instanceof HttpServletResponse http) || !gate.enabled() || gate.inRequest()) {
            chain.doFilter(request, response);
            return;
        }
        try (var scope = gate.begin()) {
            chain.doFilter(request, new AwaitingResponse(http, gate));
            gate.awaitPublished();
        }
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    /** Waits for the request's events before anything can commit the response. */
    private static final class AwaitingResponse extends HttpServletResponseWrapper {
        private final PublishBeforeResponse gate;

        AwaitingResponse(HttpServletResponse response, PublishBeforeResponse gate) {
            super(response);
            this.gate = gate;
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            gate.awaitPublished();
            return super.getOutputStream();
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            gate.awaitPublished();
            return super.getWriter();
        }

        @Override
        public void flushBuffer() throws IOException {
            gate.awaitPublished();
            super.flushBuffer();
        }

        @Override
        public void sendError(int sc, String msg) throws IOException {
            gate.awaitPublished();
            super.sendError(sc, msg);
        }

        @Override
        public void sendError(int sc) throws IOException {
            gate.awaitPublished();
            super.sendError(sc);
        }

        @Override
        public void sendRedirect(String location) throws IOException {
            gate.awaitPublished();
            super.sendRedirect(location);
        }
    }
}
