package dev.smspipeline.dispatch;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Consumes {@code sms.message-requested}, paces texts per recipient number and submits
 * them to the carrier.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class DispatchServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(DispatchServiceApplication.class, args);
	}

}
