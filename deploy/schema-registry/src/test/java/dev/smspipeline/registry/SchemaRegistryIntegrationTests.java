package dev.smspipeline.registry;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.List;
import java.util.Set;

import org.apache.avro.Schema;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import dev.smspipeline.events.DeliveryStatus;
import dev.smspipeline.events.MessageRequested;
import dev.smspipeline.schemas.registry.CompatibilityLevel;
import dev.smspipeline.schemas.registry.RestSchemaRegistryClient;
import dev.smspipeline.schemas.registry.SchemaRegistryException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The registry over real HTTP, kept in a real KRaft broker, driven by the project's own
 * client. Each test keeps its state in a topic of its own.
 */
class SchemaRegistryIntegrationTests {

	private static final String SUBJECT = "sms.message-requested-value";

	private static final Schema V1 = MessageRequested.getClassSchema();

	private static final Schema V2_OPTIONAL_FIELD = withFirstField(V1,
			"{\"name\":\"weight\",\"type\":\"int\",\"default\":0}");

	private static final Schema V2_REQUIRED_FIELD = withFirstField(V1, "{\"name\":\"weight\",\"type\":\"int\"}");

	private static EmbeddedKafkaKraftBroker broker;

	private String topic;

	private EmbeddedSchemaRegistry registry;

	private RestSchemaRegistryClient client;

	@BeforeAll
	static void startBroker() {
		broker = new EmbeddedKafkaKraftBroker(1, 1);
		broker.afterPropertiesSet();
	}

	@AfterAll
	static void stopBroker() {
		broker.destroy();
	}

	@BeforeEach
	void startRegistry(TestInfo test) {
		this.topic = "_schemas-" + test.getTestMethod().orElseThrow().getName();
		this.registry = EmbeddedSchemaRegistry.start(broker.getBrokersAsString(), 0, this.topic);
		this.client = new RestSchemaRegistryClient(this.registry.url());
	}

	@AfterEach
	void stopRegistry() {
		this.registry.close();
	}

	@Test
	void registersASchemaThatAnotherClientThenFetchesById() {
		int id = this.client.register(SUBJECT, V1);

		assertThat(freshClient().getById(id)).isEqualTo(V1);
	}

	@Test
	void findsARegisteredSchemaUnderItsSubject() {
		int id = this.client.register(SUBJECT, V1);

		assertThat(freshClient().lookup(SUBJECT, V1)).isEqualTo(id);
	}

	@Test
	void answers40403ForASchemaNotRegisteredUnderTheSubject() {
		this.client.register(SUBJECT, V1);

		assertThatExceptionOfType(SchemaRegistryException.class)
			.isThrownBy(() -> freshClient().lookup(SUBJECT, V2_OPTIONAL_FIELD))
			.satisfies((ex) -> assertThat(ex.errorCode()).isEqualTo(40403));
	}

	@Test
	void answersTheSameIdWithoutANewVersionWhenASchemaIsRegisteredAgain() {
		int id = this.client.register(SUBJECT, V1);

		assertThat(freshClient().register(SUBJECT, V1)).isEqualTo(id);
		assertThat(this.client.versions(SUBJECT)).containsExactly(1);
	}

	@Test
	void givesASchemaTheSameIdUnderAnotherSubject() {
		int id = this.client.register(SUBJECT, V1);

		assertThat(this.client.register("crm.sms-requests-value", V1)).isEqualTo(id);
	}

	@Test
	void addsAVersionWithTheNextIdForABackwardCompatibleChange() {
		int first = this.client.register(SUBJECT, V1);
		this.client.register("sms.delivery-status-value", DeliveryStatus.getClassSchema());

		int second = this.client.register(SUBJECT, V2_OPTIONAL_FIELD);

		assertThat(second).isEqualTo(first + 2);
		assertThat(this.client.versions(SUBJECT)).containsExactly(1, 2);
		assertThat(this.client.subjects()).containsExactly("sms.delivery-status-value", SUBJECT);
	}

	@Test
	void refusesABackwardIncompatibleChangeWith409() {
		this.client.register(SUBJECT, V1);

		assertThatExceptionOfType(SchemaRegistryException.class)
			.isThrownBy(() -> this.client.register(SUBJECT, V2_REQUIRED_FIELD))
			.withMessageContaining("weight")
			.satisfies((ex) -> assertThat(ex.errorCode()).isEqualTo(409));
	}

	@Test
	void tellsWhetherASchemaIsCompatibleWithTheLatestVersion() {
		this.client.register(SUBJECT, V1);

		assertThat(this.client.isCompatible(SUBJECT, V2_OPTIONAL_FIELD)).isTrue();
		assertThat(this.client.isCompatible(SUBJECT, V2_REQUIRED_FIELD)).isFalse();
	}

	@Test
	void acceptsAnIncompatibleChangeUnderASubjectWhoseLevelIsNone() {
		this.client.register(SUBJECT, V1);
		this.client.updateCompatibility(SUBJECT, CompatibilityLevel.NONE);

		this.client.register(SUBJECT, V2_REQUIRED_FIELD);

		assertThat(this.client.compatibility(SUBJECT)).isEqualTo(CompatibilityLevel.NONE);
		assertThat(this.client.versions(SUBJECT)).containsExactly(1, 2);
	}

	@Test
	void refusesUnderAForwardLevelWhatTheLatestVersionCannotRead() {
		this.client.updateCompatibility(CompatibilityLevel.FORWARD);
		this.client.register(SUBJECT, V1);

		assertThat(this.client.compatibility()).isEqualTo(CompatibilityLevel.FORWARD);
		assertThat(this.client.isCompatible(SUBJECT, V2_REQUIRED_FIELD)).isTrue();
		assertThat(this.client.isCompatible(SUBJECT, withoutField(V1, "messageId"))).isFalse();
	}

	@Test
	void answersBackwardAsTheGlobalLevelUntilOneIsSet() throws Exception {
		assertThat(this.client.compatibility()).isEqualTo(CompatibilityLevel.BACKWARD);
		assertThat(get("/config/" + SUBJECT).body()).contains("\"error_code\":40408");
	}

	@Test
	void answersConfluentsErrorJsonForAnUnknownSubject() throws Exception {
		HttpResponse<String> response = get("/subjects/nobody-value/versions");

		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.headers().firstValue("Content-Type")).hasValue(RestSchemaRegistryClient.CONTENT_TYPE);
		assertThat(response.body())
			.isEqualTo("{\"error_code\":40401,\"message\":\"Subject 'nobody-value' not found.\"}");
	}

	@Test
	void servesAVersionAndItsRawSchema() throws Exception {
		int id = this.client.register(SUBJECT, V1);

		assertThat(get("/subjects/" + SUBJECT + "/versions/latest").body())
			.startsWith("{\"subject\":\"" + SUBJECT + "\",\"version\":1,\"id\":" + id + ",\"schema\":");
		assertThat(new Schema.Parser().parse(get("/subjects/" + SUBJECT + "/versions/1/schema").body())).isEqualTo(V1);
	}

	@Test
	void answersTheRootAndHealth() throws Exception {
		assertThat(get("/").body()).isEqualTo("{}");
		assertThat(get("/health").body()).isEqualTo("{\"status\":\"UP\"}");
	}

	@Test
	void keepsItsIdsAcrossARestartAgainstTheSameBroker() {
		int first = this.client.register(SUBJECT, V1);
		int second = this.client.register("sms.delivery-status-value", DeliveryStatus.getClassSchema());
		this.registry.close();

		this.registry = EmbeddedSchemaRegistry.start(broker.getBrokersAsString(), 0, this.topic);
		RestSchemaRegistryClient restarted = freshClient();

		assertThat(restarted.register(SUBJECT, V1)).isEqualTo(first);
		assertThat(restarted.getById(second)).isEqualTo(DeliveryStatus.getClassSchema());
		assertThat(restarted.register(SUBJECT, V2_OPTIONAL_FIELD)).isEqualTo(second + 1);
		assertThat(restarted.versions(SUBJECT)).containsExactly(1, 2);
	}

	@Test
	void keepsCompatibilityLevelsAcrossARestart() {
		this.client.updateCompatibility(SUBJECT, CompatibilityLevel.FULL);
		this.registry.close();

		this.registry = EmbeddedSchemaRegistry.start(broker.getBrokersAsString(), 0, this.topic);

		assertThat(freshClient().compatibility(SUBJECT)).isEqualTo(CompatibilityLevel.FULL);
	}

	@Test
	void keepsItsStateInACompactedSinglePartitionTopic() {
		TopicDescription description = broker
			.doWithAdminFunction((admin) -> join(admin.describeTopics(Set.of(this.topic)).allTopicNames()))
			.get(this.topic);
		ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, this.topic);
		Config config = broker.doWithAdminFunction((admin) -> join(admin.describeConfigs(List.of(resource)).all()))
			.get(resource);

		assertThat(description.partitions()).hasSize(1);
		assertThat(config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value()).isEqualTo("compact");
	}

	private RestSchemaRegistryClient freshClient() {
		return new RestSchemaRegistryClient(this.registry.url());
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(this.registry.url() + path)).build(), BodyHandlers.ofString());
	}

	private static <T> T join(KafkaFuture<T> future) {
		return future.toCompletionStage().toCompletableFuture().join();
	}

	private static Schema withFirstField(Schema schema, String field) {
		return new Schema.Parser().parse(schema.toString().replace("\"fields\":[", "\"fields\":[" + field + ","));
	}

	private static Schema withoutField(Schema schema, String name) {
		List<Schema.Field> fields = schema.getFields()
			.stream()
			.filter((field) -> !field.name().equals(name))
			.map((field) -> new Schema.Field(field, field.schema()))
			.toList();
		return Schema.createRecord(schema.getName(), schema.getDoc(), schema.getNamespace(), false, fields);
	}

}
