package dev.ticketing.platform.web;

import org.apache.catalina.Container;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

/**
 * Makes the requests Tomcat itself would refuse follow the contract too: an encoded slash ({@code %2F}) in a
 * path is passed on to the application (where it names no resource: 404) instead of a Tomcat 400, and whatever
 * Tomcat still rejects is answered by {@link ContractErrorReportValve} in JSON, never its HTML page.
 */
final class TomcatErrorContractCustomizer
        implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

    static final String PASS_THROUGH = "passthrough";

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addConnectorCustomizers(connector -> connector.setEncodedSolidusHandling(PASS_THROUGH));
        factory.addContextCustomizers(context -> replaceErrorReportValve(context.getParent()));
    }

    /** After Boot's own customizer, which adds a plain {@link ErrorReportValve} to the host; ours replaces it. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    private static void replaceErrorReportValve(Container host) {
        for (Valve valve : host.getPipeline().getValves()) {
            if (valve instanceof ErrorReportValve) {
                host.getPipeline().removeValve(valve);
            }
        }
        if (host instanceof StandardHost standardHost) {
            // on start the host adds a valve of this class unless one is present: ours is
            standardHost.setErrorReportValveClass(ContractErrorReportValve.class.getName());
        }
        host.getPipeline().addValve(new ContractErrorReportValve());
    }
}
