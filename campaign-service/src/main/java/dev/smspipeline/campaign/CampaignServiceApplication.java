package dev.smspipeline.campaign;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Takes campaigns and one-off requests, and publishes one {@code MessageRequested} per
 * text when it is due.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CampaignServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(CampaignServiceApplication.class, args);
	}

}
