package dev.ticketing.platform.messaging.fault;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ticketing.faults-enabled} ({@code TICKETING_FAULTS_ENABLED}): honour fault plans. The same switch in
 * every service; false by default and in every real deployment (deploy/k8s/base/config/common.env).
 */
@ConfigurationProperties("ticketing")
record FaultInjectionProperties(@DefaultValue("false") boolean faultsEnabled) {}
