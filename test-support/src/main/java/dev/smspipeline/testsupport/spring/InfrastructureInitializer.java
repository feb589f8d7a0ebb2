package dev.smspipeline.testsupport.spring;

import java.util.HashMap;
import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import dev.smspipeline.platform.account.ApiKeyHash;
import dev.smspipeline.testsupport.accounts.TestAccount;
import dev.smspipeline.testsupport.infrastructure.TestInfrastructure;

/**
 * Points a service under test at the shared broker, registry and a database named after
 * the service, and creates the test accounts. The same initializer on every test class
 * keeps Spring's context cache warm.
 */
public class InfrastructureInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		ConfigurableEnvironment environment = context.getEnvironment();
		TestInfrastructure infrastructure = TestInfrastructure.shared();
		String database = environment.getProperty("spring.application.name", "service").replace('-', '_').toLowerCase();
		Map<String, Object> properties = new HashMap<>();
		properties.put("spring.kafka.bootstrap-servers", infrastructure.kafkaBootstrapServers());
		properties.put("spring.kafka.properties.schema.registry.url", infrastructure.schemaRegistryUrl());
		properties.put("spring.datasource.url", infrastructure.jdbcUrl(database));
		properties.put("spring.datasource.username", infrastructure.databaseUsername());
		properties.put("spring.datasource.password", infrastructure.databasePassword());
		for (TestAccount account : TestAccount.all()) {
			properties.put("sms.accounts.bootstrap." + account.id(), ApiKeyHash.of(account.apiKey()).hex());
		}
		properties.put("sms.admin.operator-key-hashes[0]", ApiKeyHash.of(TestAccount.OPERATOR.apiKey()).hex());
		environment.getPropertySources().addFirst(new MapPropertySource("test-infrastructure", properties));
	}

}
