// Writes a fresh Boot app's pom from the README's two snippets (the BOM import, the starter with its
// exclusion), with Boot's own parent as Spring Initializr makes it, and the Boot 3.5 example's code.
// Bound by invoker: basedir (the app's directory), readme, itDirectory; by the caller: bootVersion.
def text = new File(readme).getText("UTF-8")
def blocks = (text =~ /(?s)```xml\r?\n(.*?)```/).collect { it[1] }
def bom = blocks.find { it.contains("<artifactId>sluice-bom</artifactId>") }
def deps = blocks.find { it.contains("<artifactId>sluice-spring-boot-starter</artifactId>") }
assert bom != null : "README.md has no snippet importing sluice-bom"
assert deps != null : "README.md has no snippet adding sluice-spring-boot-starter"
if (bootVersion.startsWith("4.")) {
    // Boot 4's WebClient has its own starter; the README says so in a snippet of its own
    def webclient = blocks.find { it.contains("<artifactId>spring-boot-starter-webclient</artifactId>") }
    assert webclient != null : "README.md has no snippet adding Boot 4's spring-boot-starter-webclient"
    deps = deps + webclient
}
new File(basedir, "pom.xml").setText("""<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <parent>
    <groupId>org.springframework.boot</groupId>
    <artifactId>spring-boot-starter-parent</artifactId>
    <version>${bootVersion}</version>
    <relativePath/>
  </parent>
  <groupId>example</groupId>
  <artifactId>readme-app</artifactId>
  <version>1</version>
  <properties>
    <java.version>17</java.version>
  </properties>
${bom}
  <dependencies>
${deps}
  </dependencies>
  <build>
    <finalName>readme-app</finalName>
    <plugins>
      <plugin>
        <groupId>org.springframework.boot</groupId>
        <artifactId>spring-boot-maven-plugin</artifactId>
      </plugin>
    </plugins>
  </build>
</project>
""", "UTF-8")
// the application's code is the Boot 3.5 example's (examples/boot3), in a package of its own
def example = new File(itDirectory, "../../../boot3/src/main").canonicalFile
def java = new File(basedir, "src/main/java/app")
def resources = new File(basedir, "src/main/resources")
java.mkdirs()
resources.mkdirs()
new File(java, "App.java").setText(new File(example, "java/dev/sluice/examples/boot3/Boot3Application.java")
        .getText("UTF-8").replace("package dev.sluice.examples.boot3;", "package app;")
        .replace("Boot3Application", "App"), "UTF-8")
new File(resources, "logging.yaml").setText(new File(example, "resources/logging.yaml").getText("UTF-8"), "UTF-8")
return true
