package dev.sluice.events.viewer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import dev.sluice.events.Event;
import dev.sluice.events.EventStore;

/**
 * The page in a real browser: Debian's headless Chromium driven by Selenium through the system
 * chromedriver. Skipped, with a message, where either is missing ({@code .ci/run} installs them).
 */
class EventViewerBrowserTest {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	@TempDir
	static Path dir;
	static EventStore store;
	static EventViewerServer server;
	static WebDriver browser;

	@BeforeAll
	static void start() {
		assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
				"browser tests skipped: install Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)");
		store = ViewerFixture.store(dir);
		server = EventViewerServer.builder(store).port(0).streamInterval(Duration.ofMillis(200)).build().start();
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--disable-dev-shm-usage", "--window-size=1400,1000", "--user-data-dir=" + dir.resolve("profile"));
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
				.usingAnyFreePort().build();
		browser = new ChromeDriver(service, options);
		browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
	}

	@AfterAll
	static void stop() {
		if (browser != null) {
			browser.quit();
		}
		if (server != null) {
			server.close();
			store.close().block(Duration.ofSeconds(10));
		}
	}

	private static WebDriverWait waiting() {
		return new WebDriverWait(browser, Duration.ofSeconds(60));
	}

	/** What the page shows as its error, for failure messages. */
	private static String errorText() {
		List<WebElement> errors = browser.findElements(By.id("error"));
		return errors.isEmpty() ? "" : errors.get(0).getAttribute("textContent");
	}

	private static List<WebElement> rows() {
		return browser.findElements(By.cssSelector("#operations tbody tr"));
	}

	@Test
	void listFilterOperationLiveAndEscaping() throws Exception {
		browser.get("http://127.0.0.1:" + server.port() + "/?since=24h");
		waiting().until(d -> rows().size() == 31);
		screenshot("event-viewer-list.png");

		// a message that is markup shows as text, and no element is made from it
		WebElement xss = browser.findElement(By.cssSelector("#operations tbody tr:first-child td.message"));
		assertThat(xss.getText()).isEqualTo("<img src=x onerror=alert(1)>");
		assertThat(browser.findElements(By.cssSelector("#operations img"))).isEmpty();

		// a filter narrows the list and is reflected in the URL
		new Select(browser.findElement(By.name("category"))).selectByVisibleText("auth");
		browser.findElement(By.cssSelector("#filters button[type=submit]")).click();
		waiting().until(d -> d.getCurrentUrl().contains("category=auth"));
		waiting().withMessage(() -> "rows " + rows().size() + ", error shown: '" + errorText() + "'")
				.until(d -> rows().size() == 10);
		assertThat(browser.getCurrentUrl()).contains("category=auth");
		assertThat(rows()).allMatch(r -> r.findElements(By.tagName("td")).get(2).getText().equals("auth"));

		// an operation opens with its timeline and a readable stack trace
		new Select(browser.findElement(By.name("category"))).selectByVisibleText("any");
		browser.findElement(By.name("user")).sendKeys("bob");
		browser.findElement(By.cssSelector("#filters button[type=submit]")).click();
		waiting().until(d -> rows().size() == 15);
		rows().stream().filter(r -> r.getAttribute("data-operation").equals("op-29")).findFirst().orElseThrow().click();
		waiting().until(d -> d.findElement(By.id("operation-view")).isDisplayed());
		assertThat(browser.findElements(By.cssSelector("#timeline .bar"))).hasSize(3);
		assertThat(browser.findElement(By.cssSelector("pre.detail")).getText()).contains("IllegalStateException: boom")
				.contains("\tat dev.sluice.Example.run(Example.java:42)".trim());
		assertThat(browser.getCurrentUrl()).contains("operation=op-29");
		screenshot("event-viewer-operation.png");

		// back to the list; a new primary event appears without reload
		browser.findElement(By.id("back")).click();
		waiting().until(d -> d.findElement(By.id("list-view")).isDisplayed());
		waiting().until(d -> d.findElement(By.id("status")).getText().equals("live"));
		store.save(List.of(Event.builder().time(Instant.now()).module("jibe.provider").message("Found New Provider - 'Shared Media'")
				.operationId("op-new").user("bob").primary(true).build())).block(Duration.ofSeconds(30));
		waiting().until(d -> rows().stream().anyMatch(r -> r.getText().contains("Found New Provider")));

		// paused, new events wait (counted in the status), and show on resume
		browser.findElement(By.id("pause")).click();
		store.save(List.of(Event.builder().time(Instant.now()).module("jibe.provider").message("Held while paused")
				.operationId("op-held").user("bob").primary(true).build())).block(Duration.ofSeconds(30));
		waiting().until(d -> d.findElement(By.id("status")).getText().equals("paused (1 new)"));
		assertThat(rows()).noneMatch(r -> r.getText().contains("Held while paused"));
		browser.findElement(By.id("pause")).click();
		waiting().until(d -> rows().stream().anyMatch(r -> r.getText().contains("Held while paused")));
		assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("live");
	}

	@Test
	void aHundredThousandEventsArePagedByCursorAndOnlyLoadedPagesAreInThePage() {
		LargeStore large = LargeStore.shared();
		List<LargeStore.Row> newest = large.expected(LargeStore.Row::primary).subList(0, 150);
		try (EventViewerServer big = EventViewerServer.builder(large.store).port(0).build().start()) {
			browser.get("http://127.0.0.1:" + big.port() + "/?since=24h");
			waiting().until(d -> rows().size() == 50);
			assertThat(operations()).containsExactlyElementsOf(operationsOf(newest.subList(0, 50)));
			assertThat(browser.findElement(By.id("more")).isDisplayed()).isTrue();

			// scrolling to the end of the list loads the next page, by the cursor of its last row
			// (again, from the top, while nothing came: on a loaded machine a scroll made before the
			// page's layout settled may cross no boundary, and the observer only sees crossings)
			int[] polls = {0};
			waiting().until(d -> {
				if (rows().size() >= 100) {
					return true;
				}
				((JavascriptExecutor) browser).executeScript(polls[0]++ % 2 == 0
						? "window.scrollTo(0, document.body.scrollHeight)" : "window.scrollTo(0, 0)");
				return false;
			});
			// "Load older" does the same
			browser.findElement(By.id("more")).click();
			waiting().until(d -> rows().size() >= 150);

			List<String> requests = eventRequests();
			// the page holds exactly the pages it asked for, each asked for once, by cursor
			assertThat(rows()).hasSize(50 * requests.size());
			assertThat(operations().subList(0, 150)).containsExactlyElementsOf(operationsOf(newest));
			assertThat(operations()).doesNotHaveDuplicates();
			assertThat(requests.get(0)).contains("limit=50").doesNotContain("before=");
			for (int page = 1; page < requests.size(); page++) {
				String cursor = large.expected(LargeStore.Row::primary).get(page * 50 - 1).cursor();
				assertThat(requests.get(page)).contains("before=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
			}
		}
	}

	private static List<String> operations() {
		return rows().stream().map(r -> r.getAttribute("data-operation")).toList();
	}

	private static List<String> operationsOf(List<LargeStore.Row> rows) {
		return rows.stream().map(LargeStore.Row::operationId).toList();
	}

	/** The URLs of the page's requests to /api/events since it was loaded, in order. */
	@SuppressWarnings("unchecked")
	private static List<String> eventRequests() {
		return (List<String>) ((JavascriptExecutor) browser).executeScript(
				"return performance.getEntriesByType('resource').map(e => e.name).filter(n => n.includes('/api/events'))");
	}

	private static void screenshot(String name) throws Exception {
		Path target = Path.of("target", "screenshots");
		Files.createDirectories(target);
		Files.write(target.resolve(name), ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES));
	}
}
