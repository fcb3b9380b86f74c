package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** sluice-bom pins every published Sluice artifact, at the project's version. */
class BomTest {

	private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");
	private static final Pattern ARTIFACT = Pattern.compile("<artifactId>([^<]+)</artifactId>");
	private static final Pattern VERSION = Pattern.compile("<version>([^<]+)</version>");

	@Test
	void theBomNamesEveryPublishedModuleAtTheProjectsVersion() throws Exception {
		Path root = Path.of("..").toAbsolutePath().normalize();
		String parent = Files.readString(root.resolve("pom.xml"));
		List<String> published = new ArrayList<>();
		Matcher m = MODULE.matcher(parent);
		while (m.find()) {
			String module = m.group(1);
			if (module.equals("bom") || module.equals("benchmarks") || module.startsWith("examples/")) {
				continue;
			}
			String pom = Files.readString(root.resolve(module).resolve("pom.xml"));
			String withoutParent = pom.replaceAll("(?s)<parent>.*?</parent>", "");
			Matcher a = ARTIFACT.matcher(withoutParent);
			assertThat(a.find()).as(module).isTrue();
			published.add(a.group(1));
		}
		String bom = Files.readString(root.resolve("bom/pom.xml"));
		List<String> pinned = new ArrayList<>();
		Matcher a = ARTIFACT.matcher(bom.substring(bom.indexOf("<dependencyManagement>"), bom.indexOf("</dependencyManagement>")));
		while (a.find()) {
			pinned.add(a.group(1));
		}
		assertThat(pinned).containsExactlyInAnyOrderElementsOf(published);
		Matcher parentVersion = VERSION.matcher(parent);
		Matcher bomVersion = VERSION.matcher(bom);
		assertThat(parentVersion.find() && bomVersion.find()).isTrue();
		assertThat(bomVersion.group(1)).isEqualTo(parentVersion.group(1));
	}
}
