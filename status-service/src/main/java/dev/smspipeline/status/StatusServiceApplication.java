package dev.smspipeline.status;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/**
 * Takes the carrier's signed callbacks, publishes every status change to
 * {@code sms.delivery-status}, keeps the status store and answers queries, ages silent
 * texts into DELIVERY_UNKNOWN, completes campaigns and serves the dashboard at {@code /}.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class StatusServiceApplication {

	/**
	 * The time every part of the service reads (event times, the delivery window); a test
	 * can put another clock in its place.
	 */
	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	public static void main(String[] args) {
		SpringApplication.run(StatusServiceApplication.class, args);
	}

}
