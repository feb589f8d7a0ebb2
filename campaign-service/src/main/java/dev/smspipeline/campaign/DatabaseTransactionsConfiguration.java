package dev.smspipeline.campaign;

import javax.sql.DataSource;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.support.JdbcTransactionManager;

/**
 * The database transaction manager, primary. Spring Boot creates a
 * {@code KafkaTransactionManager} because the producer is transactional, and then backs
 * off its own JDBC one; every {@code TransactionTemplate} and {@code @Transactional} of
 * this service means a database transaction (Kafka records from database changes go
 * through the outbox).
 */
@Configuration(proxyBeanMethods = false)
class DatabaseTransactionsConfiguration {

	@Bean
	@Primary
	JdbcTransactionManager transactionManager(DataSource dataSource) {
		return new JdbcTransactionManager(dataSource);
	}

}
