package dev.smspipeline.status;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.util.FileSystemUtils;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.core.KafkaTemplate;

import dev.smspipeline.events.MessageStatus;
import dev.smspipeline.platform.account.AccountDirectory;
import dev.smspipeline.status.callback.CallbackSettings;
import dev.smspipeline.testsupport.spring.ServiceIntegrationTest;

import static dev.smspipeline.status.StatusEvents.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The dashboard at {@code /} in a real headless browser: Debian's chromium driven through
 * its chromedriver by Selenium. Skipped, with a message saying so, only where
 * {@code /usr/bin/chromium} is not installed.
 */
@ServiceIntegrationTest
class DashboardBrowserIntegrationTests {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private static final String RECIPIENT = "+14155550300";

	private static WebDriver browser;

	private static Path profile;

	private final String baseUrl;

	private final CarrierCallbacks carrier;

	private final StatusEvents events;

	private final AccountDirectory accounts;

	DashboardBrowserIntegrationTests(@LocalServerPort int port, @Autowired CallbackSettings settings,
			@Autowired KafkaTemplate<String, SpecificRecord> kafka, @Autowired AccountDirectory accounts) {
		this.baseUrl = "http://localhost:" + port;
		this.carrier = new CarrierCallbacks(this.baseUrl, settings);
		this.events = new StatusEvents(kafka);
		this.accounts = accounts;
	}

	@BeforeAll
	static void startBrowser() throws IOException {
		assumeTrue(Files.isExecutable(CHROMIUM), "Skipping the dashboard's browser test: " + CHROMIUM
				+ " is not installed (apt-get install chromium chromium-driver)");
		// Both paths given, so Selenium Manager never looks for (or downloads) a driver.
		System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
		profile = Files.createTempDirectory("dashboard-chromium-");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--disable-component-update", "--no-first-run",
				"--window-size=1400,1000", "--user-data-dir=" + profile);
		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(new File(CHROMEDRIVER.toString()))
			.usingAnyFreePort()
			.build();
		browser = new ChromeDriver(service, options);
	}

	@AfterAll
	static void stopBrowser() {
		if (browser != null) {
			browser.quit();
		}
		if (profile != null) {
			FileSystemUtils.deleteRecursively(profile.toFile());
		}
	}

	@Test
	void showsTheAccountsCampaignsAndFindsATextWithItsHistory() {
		FreshAccount account = FreshAccount.create(this.accounts, this.baseUrl);
		String campaign = "spring-sale-" + UUID.randomUUID().toString().substring(0, 8);
		String delivered = text(account, campaign);
		String failed = text(account, campaign);
		String sent = text(account, campaign);
		this.carrier.post(this.carrier.callback(account.id(), delivered, "delivered"));
		this.carrier
			.post(this.carrier.callback(account.id(), failed, "undelivered").withError("30008", "Unknown error"));
		this.carrier.post(this.carrier.callback(account.id(), sent, "sent"));
		this.events.awaitApplied(account.api(), account.id(), List.of(delivered, failed, sent));

		browser.get(this.baseUrl + "/");
		WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("api-key"))).sendKeys(account.apiKey());
		browser.findElement(By.id("save-key")).click();

		WebElement row = wait.until(
				ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-campaign-id='" + campaign + "']")));
		assertThat(cell(row, "delivered")).isEqualTo("1");
		assertThat(cell(row, "error")).isEqualTo("1");
		assertThat(cell(row, "outbox")).isEqualTo("1");
		assertThat(cell(row, "total")).isEqualTo("3");
		assertThat(row.findElement(By.cssSelector(".progress-text")).getText()).isEqualTo("67% final");

		search(failed);
		WebElement detail = wait.until(ExpectedConditions
			.presenceOfElementLocated(By.cssSelector("#message-detail[data-message-id='" + failed + "']")));
		assertThat(detail.findElements(By.cssSelector("tr.history-row"))).hasSize(2 + 1);
		assertThat(detail.getText()).contains("UNDELIVERED").contains("30008").contains("Unknown error");
		screenshot("dashboard-message.png");

		search(RECIPIENT);
		WebElement texts = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("recipient-messages")));
		assertThat(texts.findElements(By.cssSelector("tr.message-row"))).hasSize(3);
		screenshot("dashboard-recipient.png");

		// It refreshes itself: the late delivery shows without a reload.
		this.carrier.post(this.carrier.callback(account.id(), sent, "delivered"));
		// The refresh replaces the rows: a row found just before it is stale a moment
		// later, so look again on the next poll.
		new WebDriverWait(browser, Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class)
			.until((driver) -> "2".equals(
					cell(driver.findElement(By.cssSelector("tr[data-campaign-id='" + campaign + "']")), "delivered")));

		// The key is kept for the browser session: a reload goes straight to the
		// campaigns.
		browser.navigate().refresh();
		wait.until(
				ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-campaign-id='" + campaign + "']")));
		assertThat(browser.findElement(By.id("key-panel")).isDisplayed()).isFalse();
	}

	@Test
	void asksForTheKeyAgainWhenTheApiRefusesIt() {
		browser.get(this.baseUrl + "/");
		((org.openqa.selenium.JavascriptExecutor) browser).executeScript("sessionStorage.clear()");
		browser.navigate().refresh();
		WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("api-key"))).sendKeys("sk_not_a_key");
		browser.findElement(By.id("save-key")).click();

		WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("key-error")));
		assertThat(error.getText()).contains("refused");
		assertThat(browser.findElement(By.id("dashboard")).isDisplayed()).isFalse();
	}

	/** Keeps what the browser showed in target/, for a person to look at. */
	private static void screenshot(String name) {
		try {
			Path target = Path.of("target", "dashboard-screenshots");
			Files.createDirectories(target);
			Files.write(target.resolve(name), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void search(String query) {
		WebElement input = browser.findElement(By.id("search-input"));
		input.clear();
		input.sendKeys(query);
		browser.findElement(By.id("search-button")).click();
	}

	private static String cell(WebElement row, String bucket) {
		return row.findElement(By.cssSelector(".count-" + bucket)).getText();
	}

	private String text(FreshAccount account, String campaign) {
		String id = UUID.randomUUID().toString();
		this.events.publish(status(account.id(), id, MessageStatus.REQUESTED).setCampaignId(campaign)
			.setRecipient(RECIPIENT)
			.setOccurredAt(Instant.now().minusSeconds(5).truncatedTo(ChronoUnit.MILLIS)));
		return id;
	}

}
