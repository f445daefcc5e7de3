package io.mqscope.doctor;

import java.time.Duration;

/**
 * The doctor's time bounds and thresholds.
 *
 * @param ackTimeout       how long a PUBLISH may wait for its PUBACK/PUBREC (and a PINGREQ for its PINGRESP, a
 *                         PUBREC for its PUBREL, a PUBREL for its PUBCOMP) before it is reported
 * @param stormConnections short-lived connections of one client id within {@code stormWindow} that make a storm
 * @param stormWindow      the window for storms and ping-pong
 * @param shortLived       a connection that lived less than this counts towards a storm
 */
public record DoctorSettings(Duration ackTimeout, int stormConnections, Duration stormWindow, Duration shortLived) {

    public static final DoctorSettings DEFAULT = new DoctorSettings(Duration.ofSeconds(10), 4,
            Duration.ofSeconds(60), Duration.ofSeconds(30));

    public DoctorSettings withAckTimeout(Duration timeout) {
        return new DoctorSettings(timeout, stormConnections, stormWindow, shortLived);
    }
}
