package dev.smspipeline.status;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Takes the carrier's signed callbacks, publishes every status change to
 * {@code sms.delivery-status}, keeps the status store and answers queries.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class StatusServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(StatusServiceApplication.class, args);
	}

}
