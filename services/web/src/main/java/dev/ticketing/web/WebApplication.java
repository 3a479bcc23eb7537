package dev.ticketing.web;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The local edge: routes {@code /api/<service>/**} like the Kubernetes ingress and serves the web UI. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class WebApplication {

    /** Idle keep-alive connections kept per upstream by the proxy's HttpURLConnection (the JDK keeps 5). */
    static final String KEEP_ALIVE_CONNECTIONS = "64";

    public static void main(String[] args) {
        // read once, when the JDK's keep-alive cache is first used: set before anything proxies a request
        if (System.getProperty("http.maxConnections") == null) {
            System.setProperty("http.maxConnections", KEEP_ALIVE_CONNECTIONS);
        }
        SpringApplication.run(WebApplication.class, args);
    }
}
