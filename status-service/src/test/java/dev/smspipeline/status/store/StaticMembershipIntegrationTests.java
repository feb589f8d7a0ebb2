package dev.smspipeline.status.store;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.test.context.TestPropertySource;

import dev.smspipeline.testsupport.spring.ServiceIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With {@code sms.store.group-instance-id}, the store's consumers join their groups as
 * static members named after the instance, so a restarted instance takes their partitions
 * back at once (the kill-and-restart behaviour itself is dispatch's
 * {@code RestartAndRebalanceIntegrationTests}, on the same platform class).
 */
@ServiceIntegrationTest
@TestPropertySource(properties = "sms.store.group-instance-id=status-it-1")
class StaticMembershipIntegrationTests {

	private final KafkaAdmin admin;

	StaticMembershipIntegrationTests(@Autowired KafkaAdmin admin) {
		this.admin = admin;
	}

	@Test
	void joinsTheStoresGroupsAsStaticMembersNamedAfterTheInstance() {
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			try (Admin client = Admin.create(this.admin.getConfigurationProperties())) {
				Map<String, ConsumerGroupDescription> groups = client
					.describeConsumerGroups(List.of(DeliveryStatusProjector.GROUP, CampaignEventProjector.GROUP))
					.all()
					.get();
				assertThat(instanceIds(groups.get(DeliveryStatusProjector.GROUP)))
					.contains("status-it-1-" + DeliveryStatusProjector.GROUP + "-0");
				assertThat(instanceIds(groups.get(CampaignEventProjector.GROUP)))
					.contains("status-it-1-" + CampaignEventProjector.GROUP + "-0");
			}
		});
	}

	private static List<String> instanceIds(ConsumerGroupDescription group) {
		return group.members().stream().map(MemberDescription::groupInstanceId).flatMap(Optional::stream).toList();
	}

}
