package dev.ticketing.web.routing;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.ByteArrayInputStream;
import org.springframework.cloud.gateway.server.mvc.common.MvcUtils;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The gateway's proxy ({@code HandlerFunctions.http()}) aimed at one instance of the upstream per attempt
 * ({@link UpstreamInstances#call}). The proxy streams the request body from the servlet request, which can be read
 * once; so the body is read here first (bodies are small: platform/web caps them, and one over the cap fails here,
 * before any instance is asked) and every attempt streams it from memory.
 */
final class BalancedProxy implements HandlerFunction<ServerResponse> {

    private final UpstreamInstances instances;
    private final HandlerFunction<ServerResponse> proxy;

    BalancedProxy(UpstreamInstances instances, HandlerFunction<ServerResponse> proxy) {
        this.instances = instances;
        this.proxy = proxy;
    }

    @Override
    public ServerResponse handle(ServerRequest request) throws Exception {
        byte[] body = request.servletRequest().getInputStream().readAllBytes();
        boolean safeToRepeat = UpstreamInstances.safeToRepeat(
                request.method(), request.headers().asHttpHeaders());
        return instances.call(safeToRepeat, instance -> {
            // the proxy takes the instance's scheme, host and port, and the request's own path and query
            MvcUtils.setRequestUrl(request, instance);
            return proxy.handle(withBody(request, body));
        });
    }

    /** The same request (its attributes are the servlet request's) with a fresh stream of the body. */
    private static ServerRequest withBody(ServerRequest request, byte[] body) {
        var servletRequest = new BodyFromMemory(request.servletRequest(), body);
        return ServerRequest.create(servletRequest, request.messageConverters(), request.apiVersionStrategy());
    }

    private static final class BodyFromMemory extends HttpServletRequestWrapper {

        private final ServletInputStream body;

        BodyFromMemory(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = new BytesInputStream(body);
        }

        @Override
        public ServletInputStream getInputStream() {
            return body;
        }
    }

    private static final class BytesInputStream extends ServletInputStream {

        private final ByteArrayInputStream bytes;

        BytesInputStream(byte[] body) {
            this.bytes = new ByteArrayInputStream(body);
        }

        @Override
        public int read() {
            return bytes.read();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            return bytes.read(buffer, offset, length);
        }

        /** The proxy sends no body when the stream is finished before it starts, as for a GET. */
        @Override
        public boolean isFinished() {
            return bytes.available() == 0;
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
            throw new UnsupportedOperationException("The body is in memory: read it directly");
        }
    }
}
