package dev.smspipeline.campaign;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.micrometer.core.instrument.MeterRegistry;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import dev.smspipeline.campaign.audience.UploadSlots;
import dev.smspipeline.campaign.support.CampaignClient;
import dev.smspipeline.campaign.support.CampaignServiceTest;
import dev.smspipeline.campaign.support.Numbers;
import dev.smspipeline.campaign.support.OneOffs;
import dev.smspipeline.campaign.support.SlowUpload;
import dev.smspipeline.platform.account.AccountId;
import dev.smspipeline.platform.ratelimit.ApiRefusals;
import dev.smspipeline.testsupport.accounts.TestAccount;
import dev.smspipeline.testsupport.http.ApiResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 17, item 5: no account can exhaust a shared resource. The service runs with a
 * database pool smaller than the number of uploads one account holds open, a small upload
 * size limit, and a low request rate per account (a third account, noisy-neighbour, is
 * the one that goes over it). Its own application context, closed after the class so that
 * its Kafka listeners do not take records meant for the shared context's tests.
 */
@CampaignServiceTest
@DirtiesContext
@TestPropertySource(properties = { "spring.datasource.hikari.maximum-pool-size=" + TenantIsolationIntegrationTests.POOL,
		"spring.datasource.hikari.connection-timeout=3000",
		"sms.campaigns.audience.max-concurrent-uploads=" + TenantIsolationIntegrationTests.UPLOADS,
		"sms.campaigns.audience.max-upload-size=64KB",
		"sms.campaigns.audience.spool-directory=target/tenant-isolation-spool", "sms.rate-limit.rate=20",
		"sms.rate-limit.burst=40",
		"sms.accounts.bootstrap.noisy-neighbour=927fea49c10545919fb089126f780295384b2231f9812537c0fb07a6510dbc33" })
class TenantIsolationIntegrationTests {

	static final int POOL = 8;

	static final int UPLOADS = 10;

	static final Path SPOOL = Path.of("target/tenant-isolation-spool");

	/**
	 * The account that goes over its rate; not "initech", which other tests use as an
	 * account that does not exist (accounts outlive a context, in the shared database).
	 */
	static final TestAccount NOISY = new TestAccount("noisy-neighbour",
			"sk_test_noisy_0123456789abcdef0123456789abcdef");

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@LocalServerPort
	int port;

	@Autowired
	UploadSlots uploadSlots;

	@Autowired
	MeterRegistry meters;

	@Test
	void slowUploadsOfOneAccountHoldNoDatabaseConnectionWhileAnotherAccountSends() {
		assertThat(UPLOADS).isGreaterThan(POOL);
		List<SlowUpload> uploads = new ArrayList<>();
		try {
			for (int i = 0; i < UPLOADS; i++) {
				String id = acme().create("{\"name\": \"Slow " + i + "\", \"body\": \"Hello\"}");
				uploads.add(SlowUpload.start(TestAccount.ACME, this.port, id, "phone\n" + Numbers.newYork() + "\n"));
			}
			awaitSpooling(UPLOADS);

			List<Duration> latencies = new ArrayList<>();
			for (int i = 0; i < 20; i++) {
				long start = System.nanoTime();
				OneOffs.send(globex().http(), Numbers.chicago(), "While they upload " + i);
				latencies.add(Duration.ofNanos(System.nanoTime() - start));
			}

			assertThat(latencies).allSatisfy((latency) -> assertThat(latency).isLessThan(Duration.ofSeconds(1)));
			for (SlowUpload upload : uploads) {
				upload.send(Numbers.chicago() + "\n");
				ApiResponse report = upload.finish().response();
				assertThat(report.status()).as(report.body()).isEqualTo(200);
				assertThat(report.<Integer>json("$.added")).isEqualTo(2);
			}
		}
		finally {
			uploads.forEach(SlowUpload::close);
		}
	}

	@Test
	void answersAnUploadBeyondTheAccountsConcurrentUploadsWith429AndRetryAfter() {
		String id = acme().create("{\"name\": \"Capped\", \"body\": \"Hello\"}");
		double refusedBefore = refused("uploads");
		List<SlowUpload> uploads = new ArrayList<>();
		try {
			for (int i = 0; i < UPLOADS; i++) {
				uploads.add(SlowUpload.start(TestAccount.ACME, this.port, id, "phone\n"));
			}
			Awaitility.await("uploads in progress")
				.atMost(Duration.ofSeconds(30))
				.until(() -> this.uploadSlots.inProgress(new AccountId("acme")) == UPLOADS);

			HttpResponse<String> refused = upload(TestAccount.ACME, id, "phone\n" + Numbers.newYork() + "\n");

			assertThat(refused.statusCode()).isEqualTo(429);
			assertThat(refused.headers().firstValue("Retry-After")).hasValue("5");
			assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			assertThat(refused.body()).contains("uploads in progress");
			assertThat(refused("uploads")).isEqualTo(refusedBefore + 1);
			assertThat(upload(TestAccount.GLOBEX, globex().create("{\"name\": \"Other\", \"body\": \"Hi\"}"),
					"phone\n" + Numbers.newYork() + "\n")
				.statusCode()).isEqualTo(200);
			for (SlowUpload upload : uploads) {
				assertThat(upload.finish().status()).isEqualTo(200);
			}
		}
		finally {
			uploads.forEach(SlowUpload::close);
		}
	}

	@Test
	void answersAnUploadOverTheSizeLimitWith413NamingTheLimitAndKeepsNoFile() {
		String id = acme().create("{\"name\": \"Too big\", \"body\": \"Hello\"}");
		StringBuilder csv = new StringBuilder("phone,note\n");
		while (csv.length() <= 80 * 1024) {
			csv.append(Numbers.newYork()).append(",").append("x".repeat(100)).append('\n');
		}

		HttpResponse<String> response = upload(TestAccount.ACME, id, csv.toString());

		assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.body()).contains("64 KB", "max-upload-size");
		assertThat(acme().get(id).<Integer>json("$.audience.recipients")).isZero();
		assertThat(spooled()).isZero();
	}

	@Test
	void answersCallsOverTheAccountsRateWith429AndRetryAfterWhileAnotherAccountGoesOn() {
		double refusedBefore = refused("rate");
		HttpResponse<String> refused = null;
		for (int i = 0; i < 1000 && refused == null; i++) {
			HttpResponse<String> response = get(NOISY, "/api/v1/campaigns");
			if (response.statusCode() == 429) {
				refused = response;
			}
			else {
				assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			}
		}

		assertThat(refused).as("a call over the rate").isNotNull();
		assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
		assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(refused.body()).contains("\"status\":429");
		assertThat(refused("rate")).isGreaterThan(refusedBefore);
		assertThat(get(TestAccount.GLOBEX, "/api/v1/campaigns").statusCode()).isEqualTo(200);
	}

	private void awaitSpooling(int uploads) {
		Awaitility.await(uploads + " uploads spooling")
			.atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(50))
			.until(this::spooled, (files) -> files >= uploads);
	}

	private long spooled() {
		if (!Files.isDirectory(SPOOL)) {
			return 0;
		}
		try (Stream<Path> files = Files.list(SPOOL)) {
			return files.count();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private double refused(String reason) {
		return this.meters.get(ApiRefusals.NAME).tag("reason", reason).counter().count();
	}

	private HttpResponse<String> upload(TestAccount account, String id, String csv) {
		return send(account,
				HttpRequest.newBuilder(uri("/api/v1/campaigns/" + id + "/audience"))
					.header("Content-Type", "text/csv")
					.POST(HttpRequest.BodyPublishers.ofString(csv)));
	}

	private HttpResponse<String> get(TestAccount account, String path) {
		return send(account, HttpRequest.newBuilder(uri(path)).GET());
	}

	private HttpResponse<String> send(TestAccount account, HttpRequest.Builder request) {
		try {
			return HTTP.send(request.header("Authorization", account.bearer()).timeout(Duration.ofSeconds(30)).build(),
					HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

	private CampaignClient acme() {
		return CampaignClient.as(TestAccount.ACME, this.port);
	}

	private CampaignClient globex() {
		return CampaignClient.as(TestAccount.GLOBEX, this.port);
	}

}
