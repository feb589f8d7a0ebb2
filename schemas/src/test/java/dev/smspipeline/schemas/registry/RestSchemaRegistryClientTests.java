package dev.smspipeline.schemas.registry;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.smspipeline.events.MessageRequested;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RestSchemaRegistryClientTests {

	private static final Schema SCHEMA = MessageRequested.getClassSchema();

	private final StubRegistry stub = new StubRegistry();

	@AfterEach
	void stopStub() {
		this.stub.close();
	}

	@Test
	void registersTheSchemaUnderTheSubjectInTheRegistrysContentType() throws IOException {
		this.stub.answer("POST", "/subjects/sms.message-requested-value/versions", 200, "{\"id\":7}");

		int id = new RestSchemaRegistryClient(this.stub.url()).register("sms.message-requested-value", SCHEMA);

		assertThat(id).isEqualTo(7);
		StubRegistry.Request request = this.stub.requests().get(0);
		assertThat(request.contentType()).isEqualTo("application/vnd.schemaregistry.v1+json");
		assertThat(new ObjectMapper().readTree(request.body()).get("schema").asText()).isEqualTo(SCHEMA.toString());
	}

	@Test
	void registersASchemaUnderASubjectOnlyOnce() {
		this.stub.answer("POST", "/subjects/s/versions", 200, "{\"id\":7}");
		RestSchemaRegistryClient client = new RestSchemaRegistryClient(this.stub.url());

		client.register("s", SCHEMA);
		client.register("s", SCHEMA);

		assertThat(this.stub.requests()).hasSize(1);
	}

	@Test
	void knowsTheSchemaOfAnIdItRegisteredWithoutAsking() {
		this.stub.answer("POST", "/subjects/s/versions", 200, "{\"id\":7}");
		RestSchemaRegistryClient client = new RestSchemaRegistryClient(this.stub.url());

		client.register("s", SCHEMA);

		assertThat(client.getById(7)).isEqualTo(SCHEMA);
		assertThat(this.stub.requests()).hasSize(1);
	}

	@Test
	void fetchesASchemaByIdOnce() throws IOException {
		String answer = new ObjectMapper().writeValueAsString(Map.of("schema", SCHEMA.toString()));
		this.stub.answer("GET", "/schemas/ids/3", 200, answer);
		RestSchemaRegistryClient client = new RestSchemaRegistryClient(this.stub.url());

		Schema first = client.getById(3);
		Schema second = client.getById(3);

		assertThat(first).isEqualTo(SCHEMA).isSameAs(second);
		assertThat(this.stub.requests()).hasSize(1);
	}

	@Test
	void looksASchemaUpUnderASubjectWithoutRegisteringIt() {
		this.stub.answer("POST", "/subjects/s", 200, "{\"subject\":\"s\",\"version\":2,\"id\":5,\"schema\":\"{}\"}");

		assertThat(new RestSchemaRegistryClient(this.stub.url()).lookup("s", SCHEMA)).isEqualTo(5);
	}

	@Test
	void listsTheVersionsOfASubject() {
		this.stub.answer("GET", "/subjects/s/versions", 200, "[1,2,3]");

		assertThat(new RestSchemaRegistryClient(this.stub.url()).versions("s")).containsExactly(1, 2, 3);
	}

	@Test
	void asksWhetherASchemaIsCompatibleWithTheLatestVersion() {
		this.stub.answer("POST", "/compatibility/subjects/s/versions/latest", 200, "{\"is_compatible\":false}");

		assertThat(new RestSchemaRegistryClient(this.stub.url()).isCompatible("s", SCHEMA)).isFalse();
	}

	@Test
	void encodesTheSubjectAsOnePathSegment() {
		this.stub.answer("GET", "/subjects/a%20b%2Fc/versions", 200, "[1]");

		assertThat(new RestSchemaRegistryClient(this.stub.url()).versions("a b/c")).containsExactly(1);
	}

	@Test
	void carriesTheRegistrysErrorCodeAndMessage() {
		this.stub.answer("POST", "/subjects/s/versions", 409,
				"{\"error_code\":409,\"message\":\"Schema being registered is incompatible\"}");
		RestSchemaRegistryClient client = new RestSchemaRegistryClient(this.stub.url());

		assertThatExceptionOfType(SchemaRegistryException.class).isThrownBy(() -> client.register("s", SCHEMA))
			.withMessageContaining("error 409: Schema being registered is incompatible")
			.satisfies((ex) -> {
				assertThat(ex.errorCode()).isEqualTo(409);
				assertThat(ex.httpStatus()).isEqualTo(409);
			});
	}

	@Test
	void namesTheUrlItCannotReach() throws IOException {
		String url = "http://localhost:" + freePort();
		RestSchemaRegistryClient client = new RestSchemaRegistryClient(url);

		assertThatExceptionOfType(SchemaRegistryException.class).isThrownBy(() -> client.getById(1))
			.withMessageContaining("Schema registry unreachable at " + url)
			.withMessageContaining("ConnectException")
			.satisfies((ex) -> assertThat(ex.errorCode()).isEqualTo(SchemaRegistryException.NO_ANSWER));
	}

	@Test
	void triesTheNextUrlWhenOneCannotBeReached() throws IOException {
		this.stub.answer("GET", "/subjects/s/versions", 200, "[1]");
		RestSchemaRegistryClient client = new RestSchemaRegistryClient(
				"http://localhost:" + freePort() + ", " + this.stub.url());

		assertThat(client.versions("s")).containsExactly(1);
	}

	@Test
	void givesUpOnARegistryThatDoesNotAnswerInTime() {
		this.stub.hang("GET", "/subjects/s/versions");
		RestSchemaRegistryClient client = new RestSchemaRegistryClient(this.stub.url(), Duration.ofSeconds(1),
				Duration.ofMillis(200));

		assertThatExceptionOfType(SchemaRegistryException.class).isThrownBy(() -> client.versions("s"))
			.withMessageContaining("HttpTimeoutException");
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
